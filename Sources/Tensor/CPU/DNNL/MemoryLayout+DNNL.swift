import CDNNL

/// Building oneDNN memory descriptors from Swift shapes.
enum DNNLMemory {
    /// A `dnnl_dims_t` (fixed C array) holding `values`.
    static func dims(_ values: [Int]) -> dnnl_dims_t {
        var result: dnnl_dims_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &result) { raw in
            let slots = raw.bindMemory(to: Int64.self)
            for (i, v) in values.enumerated() { slots[i] = Int64(v) }
        }
        return result
    }

    static func descriptor(_ shape: [Int], _ type: dnnl_data_type_t, tag: dnnl_format_tag_t) throws -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        var d = dims(shape)
        try withUnsafePointer(to: &d) { p in
            try p.withMemoryRebound(to: Int64.self, capacity: 12) { dimsPointer in
                try dnnlCheck(
                    dnnl_memory_desc_init_by_tag(&md, Int32(shape.count), dimsPointer, type, tag),
                    "memory_desc_init_by_tag", "\(shape)")
            }
        }
        return md
    }

    static func descriptor(_ shape: [Int], _ type: dnnl_data_type_t, strides: [Int]) throws -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        var d = dims(shape), s = dims(strides)
        try withUnsafePointer(to: &d) { dp in
            try withUnsafePointer(to: &s) { sp in
                try dp.withMemoryRebound(to: Int64.self, capacity: 12) { dimsPointer in
                    try sp.withMemoryRebound(to: Int64.self, capacity: 12) { stridesPointer in
                        try dnnlCheck(
                            dnnl_memory_desc_init_by_strides(&md, Int32(shape.count), dimsPointer, type, stridesPointer),
                            "memory_desc_init_by_strides", "\(shape) strides \(strides)")
                    }
                }
            }
        }
        return md
    }

    /// A row-major descriptor (the public Tensor layout).
    static func rowMajor(_ shape: [Int], _ type: dnnl_data_type_t) throws -> dnnl_memory_desc_t {
        try descriptor(shape, type, strides: Shape.strides(shape))
    }

    /// The descriptor with format `any`, letting a primitive choose its layout.
    static func any(_ shape: [Int], _ type: dnnl_data_type_t) throws -> dnnl_memory_desc_t {
        try descriptor(shape, type, tag: dnnl_format_tag_any)
    }

    static func equal(_ a: dnnl_memory_desc_t, _ b: dnnl_memory_desc_t) -> Bool {
        var a = a, b = b
        return dnnl_memory_desc_equal(&a, &b) != 0
    }

    static func byteSize(_ md: dnnl_memory_desc_t) -> Int {
        var md = md
        return dnnl_memory_desc_get_size(&md)
    }
}
