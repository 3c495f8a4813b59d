#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs `body` once per index in `0..<count` on at most `width` threads, each thread with its own
/// worker from `makeWorker` (an S3 client with its own connection: a libcurl handle serves one
/// request at a time). Results come back in index order.
///
/// Threads, not Swift tasks: the transport blocks in libcurl, and a blocked cooperative pool on a
/// 2-core runner would run two requests at a time, not 32. The work is waiting for S3, so the
/// number in flight, not the number of cores, sets the speed.
public func concurrentMap<Worker, Result>(
    _ count: Int, width: Int, makeWorker: () -> Worker, _ body: @escaping (Worker, Int) -> Result
) -> [Result] {
    guard count > 0 else { return [] }
    let threads = max(1, min(width, count))
    if threads == 1 {
        let worker = makeWorker()
        return (0..<count).map { body(worker, $0) }
    }
    let shared = SharedWork<Result>(count: count)
    let workers = (0..<threads).map { _ in makeWorker() }
    var handles: [pthread_t] = []
    for worker in workers {
        let job = Job { shared.drain { body(worker, $0) } }
        var handle = pthread_t()
        let box = Unmanaged.passRetained(job).toOpaque()
        guard pthread_create(&handle, nil, { raw in
            let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
            job.run()
            return nil
        }, box) == 0 else {
            // No thread: run its share here instead.
            Unmanaged<Job>.fromOpaque(box).release()
            shared.drain { body(worker, $0) }
            continue
        }
        handles.append(handle)
    }
    for handle in handles { pthread_join(handle, nil) }
    return shared.results()
}

/// One thread's work, boxed for `pthread_create`.
private final class Job: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// The next index to hand out and the results so far, behind one mutex.
private final class SharedWork<Result>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var next = 0
    private let count: Int
    private var slots: [Result?]

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Takes indices until none are left, storing each result.
    func drain(_ body: (Int) -> Result) {
        while let index = take() {
            let result = body(index)
            pthread_mutex_lock(&mutex)
            slots[index] = result
            pthread_mutex_unlock(&mutex)
        }
    }

    private func take() -> Int? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func results() -> [Result] { slots.map { $0! } }
}
