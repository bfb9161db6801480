package dev.dbshift.cli;
public final class Main { public static void main(String[] a) { picocli.CommandLine.usage(new Object(), System.out); } }
