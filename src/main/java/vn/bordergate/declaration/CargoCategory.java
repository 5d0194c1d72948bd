package vn.bordergate.declaration;

import vn.bordergate.fee.GoodsGroup;

/** Kind of cargo; decides the queue priority and which agencies must inspect. */
public enum CargoCategory {
    FRESH_FRUIT, AGRICULTURAL, FROZEN, GENERAL, EMPTY;

    /** Perishables are called to the gate before everything else (DESIGN.md §3). */
    public Priority priority() {
        return this == FRESH_FRUIT || this == FROZEN ? Priority.PERISHABLE : Priority.STANDARD;
    }

    /** The goods group a fee is charged for when the declaration names none in {@code cargo.trade}. */
    public GoodsGroup goodsGroup() {
        return switch (this) {
            case FRESH_FRUIT, AGRICULTURAL, FROZEN -> GoodsGroup.FARM;
            case GENERAL, EMPTY -> GoodsGroup.OTHER;
        };
    }
}
