package io.patron.customer;

import static io.patron.customer.CustomerTest.ESHOP;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;

class CustomerPhotoTest extends ApiTest {

    private static final String UPLOAD = "/customers/actions/upload-customer-photo";

    @BeforeEach
    void customerProperties() {
        importProject("test-customer-properties.yaml");
    }

    private String createCustomer(Api api, String email) {
        return api.post("/customers", CustomerTest.signUp(CustomerTest.person(email, "Jan", "Novák"), ESHOP, null))
                .expect(201).data().path("customer_id").asString();
    }

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static Map<String, Object> upload(String customerId, byte[] content) {
        return Map.of("customer_id", customerId, "data", Base64.getEncoder().encodeToString(content));
    }

    private String photoUrl(String customerId) {
        var url = admin().get("/customers/" + customerId).expect(200).data()
                .path("personal_information").path("photo_url");
        return url.isNull() || url.isMissingNode() ? null : url.asString();
    }

    private static HttpResponse<byte[]> download(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPngAndThenAJpegAreServedWithoutCredentialsUnderANewSecret() throws Exception {
        String id = createCustomer(admin(), "photo@example.com");
        assertThat(photoUrl(id)).isNull();
        byte[] png = image("png", 64, 48);
        admin().post(UPLOAD, upload(id, png)).expect(204);
        String pngUrl = photoUrl(id);
        assertThat(pngUrl).matches(".*/files/customers/[0-9a-f]{64}\\.png");
        HttpResponse<byte[]> served = download(pngUrl);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);

        byte[] jpeg = image("jpg", 40, 40);
        admin().post(UPLOAD, upload(id, jpeg)).expect(204);
        String jpegUrl = photoUrl(id);
        assertThat(jpegUrl).matches(".*/files/customers/[0-9a-f]{64}\\.jpg");
        assertThat(download(jpegUrl).body()).isEqualTo(jpeg);
        // The former photo is gone; an unknown secret is not found.
        assertThat(download(pngUrl).statusCode()).isEqualTo(404);
        assertThat(download(jpegUrl.replace(".jpg", ".png")).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyRealJpegOrPngImagesUpTo2MbAreAccepted() throws Exception {
        String id = createCustomer(admin(), "photo2@example.com");
        byte[] text = "This is a text file, even when it is called photo.png".getBytes();
        assertThat(admin().post(UPLOAD, upload(id, text)).expect(400).invalidParams())
                .containsExactly("data:invalid_value_format");
        // PNG magic bytes in front of garbage do not decode.
        byte[] fake = Arrays.copyOf(image("png", 8, 8), 40);
        assertThat(admin().post(UPLOAD, upload(id, fake)).expect(400).invalidParams())
                .containsExactly("data:invalid_value_format");
        assertThat(admin().post(UPLOAD, Map.of("customer_id", id, "data", "%%% not base64")).expect(400)
                .invalidParams()).containsExactly("data:invalid_value_format");
        // A real PNG larger than 2 MB (noise does not compress).
        BufferedImage noise = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 1000; y++) {
            for (int x = 0; x < 1000; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        ImageIO.write(noise, "png", big);
        assertThat(big.size()).isGreaterThan(2 * 1024 * 1024);
        assertThat(admin().post(UPLOAD, upload(id, big.toByteArray())).expect(400).invalidParams())
                .containsExactly("data:invalid_value_format");
        assertThat(photoUrl(id)).isNull();
        assertThat(admin().post(UPLOAD, upload("0123456789abcdef0123456789", image("png", 8, 8))).expect(400)
                .invalidParams()).containsExactly("customer_id:not_found");
    }

    @Test
    void aCustomerApiTokenUploadsOnlyItsCustomersPhoto() throws Exception {
        String other = createCustomer(admin(), "other@example.com");
        Api app = customer().bearer(customerToken("photo-phone"));
        Map<String, Object> body = CustomerTest.signUp(CustomerTest.person("me@example.com", "M", "E"), ESHOP, null);
        body.put("autologin", true);
        String me = app.post("/customers", body).expect(201).data().path("customer_id").asString();
        app.post(UPLOAD, upload(me, image("png", 16, 16))).expect(204);
        assertThat(photoUrl(me)).isNotNull();
        assertThat(app.post(UPLOAD, upload(other, image("png", 16, 16))).expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(photoUrl(other)).isNull();
    }
}
