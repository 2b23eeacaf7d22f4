/** The audit of every write to business data: who changed which record how and when, recorded by the database. */
package io.patron.audit;
