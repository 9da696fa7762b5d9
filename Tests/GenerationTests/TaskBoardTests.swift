import Testing
@testable import Generation

struct TaskBoardTests {
    @Test func taskMovesFromQueuedToActiveToCompleted() {
        var board = TaskBoard()
        board.enqueue("a")
        board.enqueue("b")
        #expect(board.status(of: "b") == TaskBoard.Status(active: false, queued: true, completed: false, place: .init(position: 2, of: 2)))
        board.start("a")
        #expect(board.status(of: "a") == TaskBoard.Status(active: true, queued: false, completed: false))
        #expect(board.status(of: "b").place?.position == 1)
        board.finish("a")
        #expect(board.status(of: "a") == TaskBoard.Status(active: false, queued: false, completed: true))
        #expect(board.current == nil)
        board.remove("b")
        #expect(board.status(of: "b") == TaskBoard.Status(active: false, queued: false, completed: false))
    }

    @Test func onlyTheLastSixteenFinishedAreKept() {
        var board = TaskBoard()
        for index in 0..<40 {
            board.start("t\(index)")
            board.finish("t\(index)")
        }
        #expect(board.finished.count == TaskBoard.finishedLimit)
        #expect(board.finished.first == "t24" && board.finished.last == "t39")
        #expect(!board.status(of: "t23").completed)
    }

    @Test func defaultTaskIDFollowsA1111() {
        let id = TaskBoard.newTaskID(kind: "txt2img")
        #expect(id.hasPrefix("task(txt2img-") && id.hasSuffix(")"))
        let code = id.dropFirst("task(txt2img-".count).dropLast()
        #expect(code.count == 7 && code.allSatisfy { $0.isUppercase || $0.isNumber })
        #expect(TaskBoard.newTaskID(kind: "txt2img") != id)
    }
}
