package org.custodia.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard's decisions, made before any connection: names resolve through a fake resolver (no real DNS),
 * and every refused URL fails in {@link OutboundUrlGuard#check}, which opens nothing.
 */
class OutboundUrlGuardTest {

    static final Map<String, String> DNS = Map.of(
            "idp.example.com", "93.184.216.34",
            "localhost", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "internal.example.com", "10.1.2.3",
            "rebind.example.com", "93.184.216.34,192.168.1.1",
            "v6.example.com", "2606:2800:220:1:248:1893:25c8:1946",
            "ula.example.com", "fd00::1");

    static InetAddress[] fakeResolve(String host) throws UnknownHostException {
        String a = DNS.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        String[] parts = a.split(",");
        InetAddress[] out = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = InetAddress.getByName(parts[i]); // literals only: parsed, not looked up
        }
        return out;
    }

    static final OutboundUrlGuard PRODUCTION = new OutboundUrlGuard(new OutboundPolicy(false, Set.of(9990, 9993)),
            OutboundUrlGuardTest::fakeResolve);
    static final OutboundUrlGuard DEVELOPMENT = new OutboundUrlGuard(new OutboundPolicy(true, Set.of(10290)),
            OutboundUrlGuardTest::fakeResolve);

    @Test
    void aPublicHttpsUrlPassesAndNamesTheAddressToConnectTo() throws Exception {
        OutboundUrlGuard.Target t = PRODUCTION.check("https://idp.example.com/realms/x");
        assertThat(t.host()).isEqualTo("idp.example.com");
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(PRODUCTION.check("https://v6.example.com:8443/").port()).isEqualTo(8443);
        assertThat(PRODUCTION.check("https://IdP.Example.COM./x").address().getHostAddress()).isEqualTo("93.184.216.34");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://idp.example.com/",                 // plain HTTP outside development
            "ftp://idp.example.com/", "file:///etc/passwd", "gopher://idp.example.com/", "jar:https://idp.example.com/!/",
            "https://localhost/", "https://localhost./",
            "https://127.0.0.1/", "https://127.1.2.3/", "https://[::1]/",
            "https://10.0.0.1/", "https://172.16.0.1/", "https://172.31.255.255/", "https://192.168.0.1/", "https://100.64.0.1/",
            "https://internal.example.com/",
            "https://169.254.169.254/latest/meta-data/", "https://metadata.example.com/", "https://169.254.1.1/",
            "https://[fe80::1]/", "https://[fc00::1]/", "https://[fd12:3456::1]/", "https://ula.example.com/", "https://[fec0::1]/",
            "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::ffff:a9fe:a9fe]/", "https://[::ffff:10.0.0.1]/",
            "https://[::127.0.0.1]/", "https://[::a9fe:a9fe]/", "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:a9fe:a9fe::]/",
            "https://0.0.0.0/", "https://[::]/", "https://[0:0:0:0:0:0:0:0]/",
            "https://224.0.0.1/", "https://239.255.255.250/", "https://[ff02::1]/", "https://255.255.255.255/",
            "https://192.0.2.1/", "https://[2001:db8::1]/", "https://240.0.0.1/",
            "https://2130706433/", "https://0x7f000001/", "https://0x7f.1/", "https://0177.0.0.1/", "https://127.1/",
            "https://127.0.0.1./", "https://017700000001/", "https://0xa9.0xfe.0xa9.0xfe/", "https://169.254.169.254./",
            "https://good@127.0.0.1/", "https://idp.example.com@127.0.0.1/", "https://user:pass@idp.example.com/",
            "https://[fe80::1%25eth0]/",
            "https://idp.example.com:9990/", "https://idp.example.com:9993/",
            "https://rebind.example.com/",              // one of the addresses is private: refused as a whole
            "https://nowhere.example.com/", "https:///path", "https:/idp.example.com", "not a url"})
    void refusedInProductionAtTheCheck(String url) {
        assertThatThrownBy(() -> PRODUCTION.check(url)).isInstanceOf(RefusedUrl.class);
    }

    @Test
    void theDevelopmentAllowanceOpensHttpLoopbackAndPrivateButNotMetadataOrTheManagementPort() throws Exception {
        assertThat(DEVELOPMENT.check("http://127.0.0.1:25080/idp").address().isLoopbackAddress()).isTrue();
        assertThat(DEVELOPMENT.check("http://localhost:8080/").port()).isEqualTo(8080);
        assertThat(DEVELOPMENT.check("https://10.0.0.1/").host()).isEqualTo("10.0.0.1");
        assertThat(DEVELOPMENT.check("https://[fd00::1]/").host()).isEqualTo("[fd00::1]");
        for (String url : new String[] {"http://127.0.0.1:10290/management", "http://169.254.169.254/", "http://[::ffff:a9fe:a9fe]/",
                "http://0.0.0.0:8080/", "http://224.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://good@127.0.0.1/",
                "ftp://127.0.0.1/"}) {
            assertThatThrownBy(() -> DEVELOPMENT.check(url)).as(url).isInstanceOf(RefusedUrl.class);
        }
    }

    @Test
    void addressClasses() throws Exception {
        assertThat(AddressClass.of(InetAddress.getByName("8.8.8.8"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(AddressClass.of(InetAddress.getByName("2606:4700::1111"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(AddressClass.of(InetAddress.getByName("127.0.0.1"))).isEqualTo(AddressClass.LOOPBACK);
        assertThat(AddressClass.of(InetAddress.getByName("::1"))).isEqualTo(AddressClass.LOOPBACK);
        assertThat(AddressClass.of(InetAddress.getByName("::ffff:127.0.0.1"))).isEqualTo(AddressClass.LOOPBACK);
        assertThat(AddressClass.of(InetAddress.getByName("::ffff:a9fe:a9fe"))).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(AddressClass.of(InetAddress.getByName("169.254.169.254"))).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(AddressClass.of(InetAddress.getByName("fe80::1"))).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(AddressClass.of(InetAddress.getByName("10.255.255.255"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("172.16.0.0"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("172.32.0.1"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(AddressClass.of(InetAddress.getByName("192.168.255.1"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("fc00::1"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("fdff:ffff::1"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("::ffff:192.168.1.1"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("::192.168.1.1"))).isEqualTo(AddressClass.PRIVATE);
        assertThat(AddressClass.of(InetAddress.getByName("0.0.0.0"))).isEqualTo(AddressClass.UNSPECIFIED);
        assertThat(AddressClass.of(InetAddress.getByName("::"))).isEqualTo(AddressClass.UNSPECIFIED);
        assertThat(AddressClass.of(InetAddress.getByName("224.0.0.251"))).isEqualTo(AddressClass.MULTICAST);
        assertThat(AddressClass.of(InetAddress.getByName("ff05::2"))).isEqualTo(AddressClass.MULTICAST);
        assertThat(AddressClass.of(InetAddress.getByName("255.255.255.255"))).isEqualTo(AddressClass.RESERVED);
        assertThat(AddressClass.of(InetAddress.getByName("64:ff9b::7f00:1"))).isEqualTo(AddressClass.LOOPBACK);
        assertThat(AddressClass.of(InetAddress.getByName("2002:0a00:0001::"))).isEqualTo(AddressClass.PRIVATE);
    }

    @Test
    void theHttpHelperRefusesBeforeConnecting() {
        // 169.254.169.254 is never dialled: the guard refuses first (a connection attempt would time out instead)
        OutboundHttp http = new OutboundHttp(PRODUCTION);
        assertThatThrownBy(() -> http.get(URI.create("https://metadata.example.com/latest/meta-data/"), "*/*"))
                .isInstanceOf(RefusedUrl.class).hasMessageContaining("LINK_LOCAL");
        assertThatThrownBy(() -> http.post(URI.create("http://169.254.169.254/"), Map.of(), "text/plain", new byte[0]))
                .isInstanceOf(RefusedUrl.class).hasMessageContaining("scheme");
    }
}
