/**
 * Customer segments: groups from the project file, static segments (members added and removed through the API)
 * and rule-based ones whose members are computed in SQL from configured conditions and kept current.
 */
package io.patron.segment;
