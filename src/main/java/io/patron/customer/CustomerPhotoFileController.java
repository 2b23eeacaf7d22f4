package io.patron.customer;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves customer photos outside the API: {@code photo_url} is shown by apps without credentials, so the file
 * name is a 256-bit secret that changes with every upload. The bytes are in the database, so any node serves them.
 */
@RestController
class CustomerPhotoFileController {

    static final String PATH = "/files/customers/";

    private final CustomerActionService actions;

    CustomerPhotoFileController(CustomerActionService actions) {
        this.actions = actions;
    }

    @GetMapping(PATH + "{secret}.{extension}")
    ResponseEntity<byte[]> file(@PathVariable("secret") String secret, @PathVariable("extension") String extension) {
        if (!secret.matches("[0-9a-f]{64}") || !(extension.equals("png") || extension.equals("jpg"))) {
            return ResponseEntity.notFound().build();
        }
        MediaType type = extension.equals("png") ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG;
        return actions.photo(secret, extension)
                .map(bytes -> ResponseEntity.ok().contentType(type)
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(1))).body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
