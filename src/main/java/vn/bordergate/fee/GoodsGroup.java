package vn.bordergate.fee;

/** The goods group a fee schedule's bands name. */
public enum GoodsGroup {
    /** Farm, forest and fishery products, fresh vegetables and fruit included (nông sản). */
    FARM,
    LIVE_ANIMALS,
    /** Ore and minerals (khoáng sản): schedules charge them a multiple of the base rate. */
    ORE,
    /** Petrol, oil and other fuels (xăng dầu). */
    FUEL,
    OTHER
}
