/// The sdserve release, shown by `sdserve version`, the start-up log and `/openapi.json`.
public enum SDServeVersion {
    public static let current = "0.1.0"
}
