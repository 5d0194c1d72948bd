package vn.bordergate.notify;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.bordergate.http.FieldError;
import vn.bordergate.http.ProblemException;
import vn.bordergate.http.Problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Registers, lists and deletes a firm's webhooks and reads their delivery logs. */
@ApplicationScoped
class WebhookRegistry {

    static final int MAX_URL_LENGTH = 2048;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final WebhookRepository repository;
    private final OutboxRepository outbox;
    private final AddressGuard guard;
    private final WebhookConfig config;

    public WebhookRegistry(WebhookRepository repository, OutboxRepository outbox, AddressGuard guard, WebhookConfig config) {
        this.repository = repository;
        this.outbox = outbox;
        this.guard = guard;
        this.config = config;
    }

    public Uni<Webhook> register(String taxCode, String subject, WebhookRequest request) {
        if (request == null) {
            throw Problems.invalidField("(body)", "must be a JSON object with url and eventTypes");
        }
        URI url = validUrl(request.url());
        checkSchemeAndPort(url);
        List<EventType> types = eventTypes(request.eventTypes());
        Webhook webhook = new Webhook(UUID.randomUUID(), taxCode, url.toString(), types, Signature.newSecret(), null);
        return guard.check(url).chain(() -> repository.insert(webhook, subject, config.maxPerFirm()));
    }

    public Uni<List<Webhook>> list(String taxCode) {
        return repository.ofFirm(taxCode);
    }

    public Uni<Void> delete(String taxCode, UUID id) {
        return repository.delete(id, taxCode).invoke(deleted -> {
            if (!deleted) {
                throw Problems.notFound("webhook " + id);
            }
        }).replaceWithVoid();
    }

    public Uni<DeliveryPage> deliveries(String taxCode, UUID id, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw Problems.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Long before = cursor == null ? null : decode(cursor);
        return repository.find(id, taxCode)
                .onItem().ifNull().failWith(() -> Problems.notFound("webhook " + id))
                .chain(w -> outbox.deliveries(w.id(), before, size + 1))
                .map(rows -> {
                    boolean more = rows.size() > size;
                    List<DeliveryView> page = more ? rows.subList(0, size) : rows;
                    return new DeliveryPage(page, more ? encode(page.get(size - 1).id()) : null);
                });
    }

    /** https only where required, and only standard or allowed ports. */
    void checkSchemeAndPort(URI url) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        if (config.requireHttps() && !https) {
            throw Problems.invalidField("url", "must be an https URL");
        }
        int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
        boolean standard = port == 443 || (port == 80 && !config.requireHttps());
        if (!standard && !config.anyPort() && !config.allowedPorts().orElse(java.util.Set.of()).contains(port)) {
            throw Problems.invalidField("url", "must use the standard port (443) unless the operator allows port " + port);
        }
    }

    /** Parses and checks the URL's form; where it may point is the {@link AddressGuard}'s call. */
    static URI validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw Problems.invalidField("url", "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw Problems.invalidField("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw Problems.invalidField("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            errors.add(new FieldError("url", "must be an http or https URL"));
        } else if (uri.getHost() == null) {
            errors.add(new FieldError("url", "must name a host"));
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the URL would be shown in every listing; receivers authenticate by the signature.
            errors.add(new FieldError("url", "must not contain a user name or password"));
        }
        if (uri.getRawFragment() != null) {
            errors.add(new FieldError("url", "must not contain a fragment"));
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        return uri;
    }

    private static List<EventType> eventTypes(List<EventType> requested) {
        if (requested == null) {
            return List.of();
        }
        for (int i = 0; i < requested.size(); i++) {
            if (requested.get(i) == null) {
                throw Problems.invalidField("eventTypes[" + i + "]", "must be one of " + List.of(EventType.values()));
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("d" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("d")) {
                throw new IllegalArgumentException(raw);
            }
            return Long.parseLong(raw.substring(1));
        } catch (IllegalArgumentException e) {
            throw Problems.invalidField("cursor", "is not a cursor returned by this API");
        }
    }

    static ProblemException forbiddenWithoutTaxCode() {
        return new ProblemException(403, "forbidden", "Not allowed for your role",
                "an enterprise token must carry the firm's tax_code claim");
    }
}
