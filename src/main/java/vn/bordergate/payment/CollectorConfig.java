package vn.bordergate.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * Each province's fee collector ({@code bordergate.payments.collectors."CAO_BANG".*}): the collecting Centre's
 * bank account shown in the VietQR code, the secret its bank signs credit notifications with, its receipt
 * series and where its gates require the fee paid. A province with no collector shows fees but takes no
 * payment through the service.
 */
@ConfigMapping(prefix = "bordergate.payments")
public interface CollectorConfig {

    Map<String, Collector> collectors();

    /** One province's collecting Centre. */
    interface Collector {

        /** NAPAS BIN of the Centre's bank (6 digits, e.g. 970436). */
        String bankBin();

        /** The Centre's account number at that bank. */
        String account();

        /** The account holder's name, shown beside the QR code. */
        String accountName();

        /**
         * The receipt series' prefix; the series of a year is this and the year's last two digits (BGCB + 26 =
         * BGCB26), so numbers restart every 1 January.
         */
        String receiptSeries();

        /** HMAC-SHA256 key of the bank's credit notifications; without one, notifications are refused. */
        Optional<String> notificationSecret();

        /** Where an unpaid trip is stopped: NOWHERE, CHECK_IN (the yard gate) or EXIT (leaving the yard). */
        @WithDefault("NOWHERE")
        PaymentRequiredAt requiredAt();
    }

    /** The step at which a province's gates refuse a trip whose fee is not paid. */
    enum PaymentRequiredAt {
        NOWHERE, CHECK_IN, EXIT
    }

    default Optional<Collector> of(String province) {
        return Optional.ofNullable(collectors().get(province));
    }
}
