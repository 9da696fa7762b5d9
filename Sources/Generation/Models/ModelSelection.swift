/// Which files a generation runs on: a checkpoint and, optionally, a standalone VAE that
/// replaces the checkpoint's own (A1111's `sd_vae`). Names are what infotext and `info` show.
public struct ModelSelection: Sendable, Hashable {
    public struct File: Sendable, Hashable {
        /// Absolute path of the file.
        public var path: String
        /// A1111's model name: the file stem (`v1-5-pruned-emaonly`); for VAEs the file name.
        public var name: String
        /// A1111's 10-hex short hash, nil when not known (yet) or hashing is off.
        public var shortHash: String?

        public init(path: String, name: String, shortHash: String? = nil) {
            self.path = path
            self.name = name
            self.shortHash = shortHash
        }
    }

    public var checkpoint: File
    public var vae: File?

    public init(checkpoint: File, vae: File? = nil) {
        self.checkpoint = checkpoint
        self.vae = vae
    }

    /// The cache identity: hashes are filled in later and must not make a second entry.
    var key: String { checkpoint.path + "\u{0}" + (vae?.path ?? "") }
}
