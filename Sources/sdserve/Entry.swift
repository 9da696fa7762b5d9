/// Process entry: settle the OpenMP wait policy, then run the command line.
@main
enum Entry {
    static func main() async {
        OpenMPWaitPolicy.preferPassive()
        await SDServe.main()
    }
}
