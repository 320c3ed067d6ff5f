package org.custodia.platform.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which address a request is throttled by, with and without trusted proxies. */
class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(List.of(
            ClientAddress.Cidr.parse("10.0.0.0/8"), ClientAddress.Cidr.parse("fd00::/8"), ClientAddress.Cidr.parse("192.0.2.10")));
    private final ClientAddress direct = new ClientAddress(List.of());

    @Test
    void withoutTrustedProxiesTheDirectPeerIsTheClientWhateverTheHeaderSays() {
        assertThat(direct.key("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(direct.key("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeerCannotSpoofItsAddressWithTheHeader() {
        assertThat(behindProxies.key("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxies.key("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // the client made up the left-most entry; the proxies appended the real one and themselves
        assertThat(behindProxies.key("10.0.0.5", List.of("1.2.3.4, 198.51.100.1, 10.0.0.9"))).isEqualTo("198.51.100.1");
        assertThat(behindProxies.key("10.0.0.5", List.of("1.2.3.4", "198.51.100.1, 192.0.2.10"))).isEqualTo("198.51.100.1");
    }

    @Test
    void garbageOrOnlyTrustedHopsFallBackToTheLastKnownAddress() {
        assertThat(behindProxies.key("10.0.0.5", List.of("not-an-ip, 10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(behindProxies.key("10.0.0.5", List.of("10.0.0.7, 10.0.0.8"))).isEqualTo("10.0.0.7");
        assertThat(behindProxies.key("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(behindProxies.key("10.0.0.5", List.of("evil.example.org"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlashSixtyFour() {
        assertThat(direct.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", List.of())).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(direct.key("2001:db8:1:2::1", List.of())).isEqualTo(direct.key("2001:db8:1:2:ffff::1", List.of()));
        assertThat(direct.key("2001:db8:1:3::1", List.of())).isNotEqualTo(direct.key("2001:db8:1:2::1", List.of()));
        assertThat(behindProxies.key("fd00::1", List.of("[2001:db8:9:9::5]:443"))).isEqualTo("2001:db8:9:9:0:0:0:0/64");
        assertThat(direct.key("::ffff:203.0.113.7", List.of())).isEqualTo("203.0.113.7");
    }

    @Test
    void portsAreIgnoredAndAMistypedProxyListFailsLoudly() {
        assertThat(behindProxies.key("10.0.0.5", List.of("198.51.100.1:5555"))).isEqualTo("198.51.100.1");
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddress.Cidr.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/12").contains(ClientAddress.parse("10.15.255.255"))).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/12").contains(ClientAddress.parse("10.16.0.0"))).isFalse();
    }
}
