package org.opora.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A page's "back" address leads back into the site and nowhere else. */
class ReturnPathsTest {

    @Test
    void aPathOfThisSiteIsKeptWithItsQuery() {
        assertThat(ReturnPaths.local("/letters/4f1c?tab=documents#documents")).contains("/letters/4f1c?tab=documents#documents");
        assertThat(ReturnPaths.local("/")).contains("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/", "/\\evil.example", "https://evil.example/", "evil.example",
            "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/letters\u0000",
            "/go?to=https://evil.example", "/letters/{nope}", ""})
    void anythingThatCouldLeaveTheSiteIsRefused(String back) {
        assertThat(ReturnPaths.local(back)).isEmpty();
    }

    @Test
    void noAddressIsNoPath() {
        assertThat(ReturnPaths.local(null)).isEmpty();
    }
}
