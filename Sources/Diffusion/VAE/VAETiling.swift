import Tensor

/// Tiled VAE decode/encode: the image is cut into overlapping tiles (sizes in latent cells),
/// each tile is run on its own, and the results are blended with weights that ramp linearly
/// across the overlap, so seams are hidden and memory is bounded by the tile size. ComfyUI's
/// fallback uses 64-cell tiles with 16 cells of overlap for decoding.
public struct VAETiling: Sendable, Equatable {
    /// Tile side in latent cells.
    public var tileSize: Int
    /// Cells shared by neighbouring tiles (less than `tileSize`).
    public var overlap: Int

    public init(tileSize: Int = 64, overlap: Int = 16) {
        self.tileSize = tileSize
        self.overlap = overlap
    }

    /// Tiles for latents larger than `maxCells` per side (1024 px at 8 px per cell), else nil.
    public static func automatic(latentHeight: Int, latentWidth: Int, maxCells: Int = 128) -> VAETiling? {
        max(latentHeight, latentWidth) > maxCells ? VAETiling() : nil
    }

    /// Runs `body` per tile of `x` `[B, C, H, W]`, where one cell is `inputScale` input pixels and
    /// `outputScale` output pixels, and blends the outputs `[B, C', tile·outputScale, ...]`.
    func run(_ x: Tensor, inputScale: Int, outputScale: Int, body: (Tensor) throws -> Tensor) throws -> Tensor {
        guard tileSize > 0, overlap >= 0, overlap < tileSize else {
            throw DiffusionError.invalidInput(model: "VAE", argument: "tiling", reason: "needs 0 ≤ overlap < tileSize, got \(self)")
        }
        let cellsH = x.shape[2] / inputScale, cellsW = x.shape[3] / inputScale
        let rows = Self.starts(total: cellsH, tile: tileSize, overlap: overlap)
        let columns = Self.starts(total: cellsW, tile: tileSize, overlap: overlap)
        var canvas: TileCanvas?
        for top in rows {
            let height = min(tileSize, cellsH)
            for left in columns {
                let width = min(tileSize, cellsW)
                let backend = ReferenceBackend()  // slicing only: exact in any backend
                var tile = try backend.slice(x, dim: 2, start: top * inputScale, end: (top + height) * inputScale)
                tile = try backend.slice(tile, dim: 3, start: left * inputScale, end: (left + width) * inputScale)
                let output = try body(tile)  // [B, C', height·outputScale, width·outputScale]
                if canvas == nil {
                    canvas = TileCanvas(batch: output.shape[0], channels: output.shape[1],
                                        height: cellsH * outputScale, width: cellsW * outputScale)
                }
                canvas?.add(output, top: top * outputScale, left: left * outputScale, feather: overlap * outputScale)
            }
        }
        guard let canvas else { throw DiffusionError.invalidInput(model: "VAE", argument: "x", reason: "is empty: \(x.shape)") }
        return try canvas.blended()
    }

    /// Tile origins: every `tile - overlap` cells, the last one flush with the far edge.
    static func starts(total: Int, tile: Int, overlap: Int) -> [Int] {
        guard total > tile else { return [0] }
        var origins = Array(stride(from: 0, to: total - tile, by: tile - overlap))
        origins.append(total - tile)
        return origins
    }
}

/// Weighted sums of tile outputs and of their weights.
private struct TileCanvas {
    let batch, channels, height, width: Int
    var sums: [Float]
    var weights: [Float]

    init(batch: Int, channels: Int, height: Int, width: Int) {
        (self.batch, self.channels, self.height, self.width) = (batch, channels, height, width)
        sums = [Float](repeating: 0, count: batch * channels * height * width)
        weights = [Float](repeating: 0, count: height * width)
    }

    /// Adds `tile` `[B, C, h, w]` at (`top`, `left`), weighted by a ramp `feather` pixels wide on every side.
    mutating func add(_ tile: Tensor, top: Int, left: Int, feather: Int) {
        let (h, w) = (tile.shape[2], tile.shape[3])
        let values = tile.floats()
        let ramp = { (i: Int, n: Int) -> Float in
            feather == 0 ? 1 : min(1, Float(i + 1) / Float(feather), Float(n - i) / Float(feather))
        }
        for y in 0..<h {
            for x in 0..<w {
                let weight = ramp(y, h) * ramp(x, w)
                let pixel = (top + y) * width + left + x
                weights[pixel] += weight
                for plane in 0..<(batch * channels) {
                    sums[plane * height * width + pixel] += weight * values[(plane * h + y) * w + x]
                }
            }
        }
    }

    func blended() throws -> Tensor {
        let planeSize = height * width
        let values = sums.indices.map { sums[$0] / weights[$0 % planeSize] }
        return try Tensor(shape: [batch, channels, height, width], values: values)
    }
}
