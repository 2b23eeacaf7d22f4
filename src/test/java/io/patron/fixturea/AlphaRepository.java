package io.patron.fixturea;

/** Architecture test fixture: an internal of its package. */
public class AlphaRepository {

    public String load() {
        return "alpha";
    }
}
