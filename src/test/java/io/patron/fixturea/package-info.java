/** Fixture of ArchitectureTest: a package that another uses the wrong way (test code only). */
package io.patron.fixturea;
