package io.patron.fixturea;

import io.patron.fixtureb.BetaService;

/** Architecture test fixture: uses the other fixture package through its service (allowed). */
public class Alpha {

    public String name(BetaService beta) {
        return beta.describe();
    }
}
