#if canImport(Glibc)
import Glibc
#endif
import IDPPlatform
import Testing

/// The bounded pool behind list and scan: order kept, the bound held, one worker per thread.
@Suite struct ConcurrentReadsTests {
    final class Gauge: @unchecked Sendable {
        private var mutex = pthread_mutex_t()
        private(set) var now = 0, most = 0, workers = 0
        init() { pthread_mutex_init(&mutex, nil) }
        func locked(_ body: () -> Void) { pthread_mutex_lock(&mutex); body(); pthread_mutex_unlock(&mutex) }
        func enter() { locked { now += 1; most = max(most, now) } }
        func leave() { locked { now -= 1 } }
        func made() -> Int { var n = 0; locked { workers += 1; n = workers }; return n }
    }

    @Test func resultsKeepTheirOrderAndTheBoundHolds() {
        let gauge = Gauge()
        let results = concurrentMap(200, width: 8, makeWorker: { gauge.made() }) { worker, index in
            gauge.enter()
            usleep(2_000)  // a round trip's worth of waiting
            gauge.leave()
            return (index * index, worker)
        }
        #expect(results.map(\.0) == (0..<200).map { $0 * $0 })
        #expect(gauge.workers == 8 && gauge.most <= 8 && gauge.most > 1, "most in flight: \(gauge.most)")
        #expect(Set(results.map(\.1)).count == 8, "every worker took part")
    }

    @Test func smallAndEmptyInputsNeedNoThreads() {
        #expect(concurrentMap(0, width: 32, makeWorker: { 0 }) { _, i in i }.isEmpty)
        #expect(concurrentMap(3, width: 1, makeWorker: { 7 }) { w, i in w + i } == [7, 8, 9])
        #expect(concurrentMap(2, width: 32, makeWorker: { 0 }) { _, i in i } == [0, 1], "no more threads than items")
    }
}
