package io.patron.engagement;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.Reason;

/**
 * Turns the attachments of a send into stored files: base64 is decoded, a URL is fetched only from an allowed host
 * that does not resolve to an internal address (unless the project lists it as internal), without following
 * redirects, and the connection goes to the very address that was checked. Files are JPEG, PNG, GIF or PDF,
 * recognised by their content, of at most the configured size.
 */
@Component
class AttachmentFetcher {

    private final EngagementProperties.Attachments settings;
    private final HttpClient client;

    AttachmentFetcher(EngagementProperties properties) {
        this.settings = properties.attachments();
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.fetchTimeout()).build();
    }

    MessageRepository.StoredAttachment fetch(MessageBodies.Attachment attachment, int index, String at) {
        String param = at + "[" + index + "].file_data";
        byte[] content;
        String sourceUrl = null;
        String fileName;
        if ("base64".equals(attachment.uploadMethod())) {
            try {
                content = Base64.getDecoder().decode(attachment.fileData().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(param, Reason.INVALID_VALUE_FORMAT, "Not base64 encoded data");
            }
            fileName = "attachment-" + (index + 1);
        } else {
            sourceUrl = attachment.fileData().trim();
            content = download(sourceUrl, param);
            String path = URI.create(sourceUrl).getPath();
            String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
            fileName = last.isBlank() ? "attachment-" + (index + 1) : last.replaceAll("\\.[A-Za-z0-9]{1,5}$", "");
        }
        if (content.length > settings.maxBytes()) {
            throw ApiError.badRequest(param, Reason.NOT_ALLOWED_VALUE,
                    "An attachment may have at most " + settings.maxBytes() + " bytes");
        }
        FileType type = FileType.of(content).orElseThrow(() -> ApiError.badRequest(param, Reason.NOT_ALLOWED_VALUE,
                "Attachments may be JPEG, PNG, GIF or PDF files"));
        return new MessageRepository.StoredAttachment(attachment.uploadMethod(), sourceUrl,
                fileName + "." + type.extension, type.mediaType, content);
    }

    private byte[] download(String url, String param) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(param, Reason.INVALID_VALUE_FORMAT, "Not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw ApiError.badRequest(param, Reason.INVALID_VALUE_FORMAT, "Expected an http(s) URL with a host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (settings.allowedHosts().stream().noneMatch(h -> h.equalsIgnoreCase(host))) {
            throw ApiError.badRequest(param, Reason.NOT_ALLOWED_VALUE,
                    "Attachments are fetched only from the hosts the project allows");
        }
        InetAddress address = checkedAddress(host, param);
        // connect to the checked address (the host name is kept for TLS and virtual hosts), so that a second DNS
        // answer cannot point the request elsewhere
        URI pinned = uri;
        if (scheme.equals("http")) {
            String literal = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress();
            pinned = URI.create(scheme + "://" + literal + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(pinned).timeout(settings.fetchTimeout()).GET();
        try {
            HttpResponse<InputStream> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    throw ApiError.badRequest(param, Reason.NOT_FOUND,
                            "The attachment URL answered HTTP " + answer.statusCode());
                }
                byte[] content = body.readNBytes(settings.maxBytes() + 1);
                return content;
            }
        } catch (IOException e) {
            throw ApiError.badRequest(param, Reason.NOT_FOUND, "The attachment URL could not be read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.badRequest(param, Reason.NOT_FOUND, "The attachment URL could not be read");
        }
    }

    /** The host's first address, refused when any of its addresses is internal and the host is not listed as such. */
    private InetAddress checkedAddress(String host, String param) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ApiError.badRequest(param, Reason.NOT_FOUND, "The attachment host is unknown");
        }
        boolean internalAllowed = settings.internalHosts().stream().anyMatch(h -> h.equalsIgnoreCase(host));
        if (!internalAllowed && Arrays.stream(addresses).anyMatch(AttachmentFetcher::internal)) {
            throw ApiError.badRequest(param, Reason.NOT_ALLOWED_VALUE,
                    "The attachment host resolves to an internal address");
        }
        return addresses[0];
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64/10 carrier-grade NAT, 0/8, 240/4 reserved
            return first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128);
        }
        // IPv6 unique local fc00::/7
        return (b[0] & 0xfe) == 0xfc;
    }

    enum FileType {
        JPEG("jpg", "image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
        PNG("png", "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
        GIF("gif", "image/gif", new byte[]{'G', 'I', 'F', '8'}),
        PDF("pdf", "application/pdf", new byte[]{'%', 'P', 'D', 'F', '-'});

        final String extension;
        final String mediaType;
        final byte[] magic;

        FileType(String extension, String mediaType, byte[] magic) {
            this.extension = extension;
            this.mediaType = mediaType;
            this.magic = magic;
        }

        static Optional<FileType> of(byte[] content) {
            return Arrays.stream(values())
                    .filter(t -> content.length >= t.magic.length
                            && Arrays.equals(Arrays.copyOf(content, t.magic.length), t.magic))
                    .findFirst();
        }
    }
}
