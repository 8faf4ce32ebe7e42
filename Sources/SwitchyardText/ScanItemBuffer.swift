/// The items of a `TokenScan` while the tokenizer makes them: one token is appended per word or
/// mark, hundreds per message, and `Array.append` spends more on its uniqueness and capacity checks
/// (out of line) than on the token. Here an append is a capacity compare and a store, into the
/// uninitialised capacity of the array that becomes the scan's items (no copy at the end); only
/// when a text has more tokens than that array was made for do they move to a growing heap block.
struct ScanItemBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<TokenScan.Item>
    private var capacity: Int
    /// Whether `base` is this buffer's own heap block rather than the array's storage.
    private var owned = false
    private(set) var count = 0

    /// A buffer writing into `storage` (uninitialised, e.g. the closure argument of
    /// `Array(unsafeUninitializedCapacity:initializingWith:)`), which must outlive it.
    init(writingInto storage: UnsafeMutableBufferPointer<TokenScan.Item>) {
        // An empty storage may have no address: start with a block of our own then.
        if let address = storage.baseAddress, storage.count > 0 {
            base = address
            capacity = storage.count
        } else {
            capacity = 16
            base = .allocate(capacity: capacity)
            owned = true
        }
    }

    deinit {
        if owned {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @inline(__always)
    mutating func append(_ item: TokenScan.Item) {
        if count == capacity { grow() }
        (base + count).initialize(to: item)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<TokenScan.Item>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        if owned { base.deallocate() }
        base = larger
        capacity *= 2
        owned = true
    }

    /// How many items the storage given at `init` now holds (0 once they moved out), and the items
    /// as an array of their own if they moved out.
    consuming func finish() -> (inStorage: Int, movedOut: [TokenScan.Item]?) {
        guard owned else { return (count, nil) }
        return (0, Array(UnsafeBufferPointer(start: base, count: count)))
    }
}
