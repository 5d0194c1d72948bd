package vn.bordergate.bench;

/** The run itself failed (a tool, a setup step, an assumption about the service): the bench ends with exit 1. */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
