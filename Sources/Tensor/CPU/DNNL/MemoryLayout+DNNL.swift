import CDNNL

/// Building oneDNN memory descriptors from Swift shapes.
enum DNNLMemory {
    /// A `dnnl_dims_t` argument (C's `int64_t[12]`, passed as a pointer) holding `values`.
    static func dims(_ values: [Int]) -> [Int64] {
        values.map(Int64.init) + [Int64](repeating: 0, count: max(0, 12 - values.count))
    }

    static func descriptor(_ shape: [Int], _ type: dnnl_data_type_t, tag: dnnl_format_tag_t) throws -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        try dnnlCheck(
            dnnl_memory_desc_init_by_tag(&md, Int32(shape.count), dims(shape), type, tag), "memory_desc_init_by_tag", "\(shape)")
        return md
    }

    static func descriptor(_ shape: [Int], _ type: dnnl_data_type_t, strides: [Int]) throws -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        try dnnlCheck(
            dnnl_memory_desc_init_by_strides(&md, Int32(shape.count), dims(shape), type, dims(strides)),
            "memory_desc_init_by_strides", "\(shape) strides \(strides)")
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
