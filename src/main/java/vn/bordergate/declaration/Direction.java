package vn.bordergate.declaration;

/** Which way the truck crosses: out of Vietnam or into it. */
public enum Direction {
    EXPORT, IMPORT
}
