package dev.dbshift.online;

/** How an online change runs. */
public enum Strategy {
    /** Natively when the server can do it without blocking writes (INSTANT, or INPLACE with LOCK=NONE), else copy. */
    AUTO,
    /** Always natively, with ALGORITHM=INSTANT or INPLACE, LOCK=NONE; refused when the server cannot. */
    NATIVE,
    /** Always through the shadow table copy engine. */
    COPY
}
