package org.custodia.platform.api;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Just enough of a servlet request and response to run a filter without a server. */
final class ServletFakes {

    private ServletFakes() {
    }

    static HttpServletRequest request(String uri, Map<String, String> headers) {
        return request(uri, headers, new byte[0]);
    }

    /** A request with a body of unknown length (as a chunked one). */
    static HttpServletRequest request(String uri, Map<String, String> headers, byte[] body) {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> uri;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getContentLengthLong" -> -1L;
                    case "getMethod" -> "GET";
                    case "getInputStream" -> stream;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A response that only records its headers (into {@code headers}). */
    static HttpServletResponse response(Map<String, String> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "getStatus" -> 200;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Map<String, String> headers() {
        return new HashMap<>();
    }
}
