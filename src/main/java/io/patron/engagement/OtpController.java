package io.patron.engagement;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import io.patron.api.ApiController;
import io.patron.api.Envelope;
import io.patron.api.Language;

/** One-time passwords: send a code, verify it. */
@ApiController
class OtpController {

    private final OtpService otps;

    OtpController(OtpService otps) {
        this.otps = otps;
    }

    @PostMapping("/one-time-password/actions/send")
    Envelope send(@Valid @RequestBody OtpBodies.Send body, Language language) {
        return Envelope.of(otps.send(body, language));
    }

    @PostMapping("/one-time-password/actions/verify")
    Envelope verify(@Valid @RequestBody OtpBodies.Verify body) {
        return Envelope.of(otps.verify(body));
    }
}
