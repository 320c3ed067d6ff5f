package org.custodia.dsar.domain;

/** What a data subject asks for. */
public enum DsarType {
    ACCESS, ERASURE, CORRECTION, PORTABILITY, OPT_OUT
}
