package cn.onenet.contracts;

/** The citizen's answer at the callback (回访). */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    public boolean closesOrder() {
        return this != DISSATISFIED;
    }
}
