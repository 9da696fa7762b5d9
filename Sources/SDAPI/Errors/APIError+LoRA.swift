import Generation

extension APIError {
    /// A LoRA the request names: 404 when no file answers to the name (as for an unknown
    /// checkpoint), 422 when the file cannot be applied to the selected model. The message names
    /// the LoRA; `errors` keeps A1111's log wording for the unknown case.
    static func lora(_ error: LoRARequestError) -> APIError {
        switch error {
        case .notFound(let name, _):
            APIError(status: .notFound, detail: error.description, errors: "Lora not found: \(name)")
        case .unusable:
            APIError(status: .unprocessableContent, detail: error.description, errors: error.description)
        }
    }
}
