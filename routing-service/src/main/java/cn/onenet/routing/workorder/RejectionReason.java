package cn.onenet.routing.workorder;

/** Why a request is not accepted (不予受理): the fixed list a dispatcher chooses from. */
public enum RejectionReason {
    /** 非政府职能: not a matter for government */
    NOT_GOVERNMENT_MATTER,
    /** 应通过诉讼解决 */
    LEGAL_ROUTE_LITIGATION,
    /** 应通过仲裁解决 */
    LEGAL_ROUTE_ARBITRATION,
    /** 应通过信访渠道解决 */
    LEGAL_ROUTE_PETITION,
    /** 恶意、骚扰或辱骂 */
    ABUSIVE,
    /** 重复诉求 */
    DUPLICATE,
    /** 其他（须说明） */
    OTHER
}
