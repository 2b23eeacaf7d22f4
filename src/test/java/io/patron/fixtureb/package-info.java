/** Fixture of ArchitectureTest: a package that uses another's internals and closes a cycle (test code only). */
package io.patron.fixtureb;
