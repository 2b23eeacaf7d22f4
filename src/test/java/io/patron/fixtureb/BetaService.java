package io.patron.fixtureb;

import io.patron.fixturea.AlphaRepository;

/** Architecture test fixture: closes a cycle with the other fixture package, through its repository (refused). */
public class BetaService {

    public String describe() {
        return new AlphaRepository().load();
    }
}
