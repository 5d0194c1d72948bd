package vn.bordergate.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * A PostgreSQL streaming replica for reads that may be a second stale ({@code bordergate.read-replica.*}).
 * Without a URL every read goes to the primary.
 */
@ConfigMapping(prefix = "bordergate.read-replica")
public interface ReadReplicaConfig {

    /** {@code postgresql://host:port/database} of a hot standby of the primary; unset: no replica. */
    Optional<String> url();

    /** Defaults to the primary's user ({@code quarkus.datasource.username}). */
    Optional<String> username();

    /** Defaults to the primary's password ({@code quarkus.datasource.password}). */
    Optional<String> password();

    /**
     * Connections to the replica. Listings and statistics are a small share of the traffic; the primary's
     * pool stays sized for the writes.
     */
    @WithDefault("8")
    int maxSize();
}
