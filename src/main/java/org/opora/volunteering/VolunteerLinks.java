package org.opora.volunteering;

import static org.opora.volunteering.VolunteerRepository.instant;
import static org.opora.volunteering.VolunteerRepository.ts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The links volunteers act through instead of an account (docs/adr/0007-volunteer-links.md): a
 * random 256-bit token in the URL path, of which only the SHA-256 is stored, with its purpose,
 * volunteer, offer and expiry. A single-use link is spent in the same transaction as what it does.
 * Tokens are never logged: nothing here or in its callers prints one.
 */
@Component
public class VolunteerLinks {

    /** 32 random bytes in unpadded base64url. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    public enum Purpose {
        CONFIRM_EMAIL(true), ACCEPT(true), DECLINE(true), CANCEL(true), FEEDBACK(true), PROFILE(false), HOURS(false);

        final boolean singleUse;

        Purpose(boolean singleUse) {
            this.singleUse = singleUse;
        }
    }

    public record Link(String hash, Purpose purpose, UUID volunteerId, UUID offerId, Instant expiresAt, Instant usedAt) {
    }

    public enum Verdict { VALID, UNKNOWN, EXPIRED, USED }

    public record Checked(Verdict verdict, Link link) {
    }

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final String baseUrl;

    VolunteerLinks(JdbcClient jdbc, @Value("${opora.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.baseUrl = baseUrl;
    }

    /** Stores a new link and returns its token; the token exists only in the caller's e-mail from now on. */
    public String issue(Purpose purpose, UUID volunteerId, UUID offerId, Instant now, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("INSERT INTO volunteer_link (token_hash, purpose, volunteer_id, offer_id, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(hash(token), purpose.name(), volunteerId, offerId, ts(now), ts(expiresAt)).update();
        return token;
    }

    public String url(String token) {
        return baseUrl + "/v/" + token;
    }

    /** What a token is worth now; a malformed or unknown (tampered) token is UNKNOWN. */
    public Checked check(String token, Instant now) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Checked(Verdict.UNKNOWN, null);
        }
        Optional<Link> link = jdbc.sql("SELECT token_hash, purpose, volunteer_id, offer_id, expires_at, used_at "
                        + "FROM volunteer_link WHERE token_hash = ?")
                .param(hash(token))
                .query((rs, row) -> new Link(rs.getString(1).trim(), Purpose.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), instant(rs, "expires_at"),
                        instant(rs, "used_at")))
                .optional();
        if (link.isEmpty()) {
            return new Checked(Verdict.UNKNOWN, null);
        }
        if (link.get().usedAt() != null) {
            return new Checked(Verdict.USED, link.get());
        }
        if (!link.get().expiresAt().isAfter(now)) {
            return new Checked(Verdict.EXPIRED, link.get());
        }
        return new Checked(Verdict.VALID, link.get());
    }

    /**
     * Spends a single-use link; false if it was spent (or expired) meanwhile, so of two concurrent
     * uses exactly one proceeds. Multi-use links are not spent.
     */
    public boolean spend(Link link, Instant now) {
        if (!link.purpose().singleUse) {
            return true;
        }
        return jdbc.sql("UPDATE volunteer_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(ts(now), link.hash(), ts(now)).update() == 1;
    }

    /** Once an offer is answered, withdrawn or expired, its other links stop working too. */
    public void voidOffer(UUID offerId, Purpose purpose, Instant now) {
        jdbc.sql("UPDATE volunteer_link SET used_at = ? WHERE offer_id = ? AND purpose = ? AND used_at IS NULL")
                .params(ts(now), offerId, purpose.name()).update();
    }

    public void voidVolunteer(UUID volunteerId, Instant now) {
        jdbc.sql("UPDATE volunteer_link SET used_at = ? WHERE volunteer_id = ? AND used_at IS NULL")
                .params(ts(now), volunteerId).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
