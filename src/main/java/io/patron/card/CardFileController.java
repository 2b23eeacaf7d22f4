package io.patron.card;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves digital card files outside the API: the URL is handed to apps and emails, so it needs no
 * credentials; its id is a 256-bit secret. The image is drawn from the card's current number, so
 * any node can serve it.
 */
@RestController
class CardFileController {

    static final String PATH = "/files/cards/";

    private final CardService cards;

    CardFileController(CardService cards) {
        this.cards = cards;
    }

    @GetMapping(PATH + "{fileId}.png")
    ResponseEntity<byte[]> file(@PathVariable("fileId") String fileId) {
        return cards.digitalCardImage(fileId)
                .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(png))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
