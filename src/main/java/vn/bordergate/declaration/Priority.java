package vn.bordergate.declaration;

/** Priority class in the call-up order; declared in call-up order. */
public enum Priority {
    PERISHABLE, STANDARD
}
