import Tensor

/// A1111's `tiling` (seamless textures): every Conv2d of the UNet and the VAE pads circularly
/// for the job, so the image wraps left to right and top to bottom. The companions (hires
/// checkpoint, refiner) are switched too, since A1111 switches whichever model is loaded.
extension LoadedModel {
    func seamless() -> LoadedModel {
        let circular = CircularConvolutionBackend(base: backend)
        return LoadedModel(
            selection: selection, detected: detected, unet: unet.running(on: circular), vae: vae.running(on: circular),
            promptEncoder: promptEncoder, backend: backend)
    }
}

extension CompanionModels {
    func seamless() -> CompanionModels {
        var models = self
        models.hires = hires?.seamless()
        if let refiner { models.refiner = RefinerModel(model: refiner.model.seamless(), switchAt: refiner.switchAt) }
        return models
    }
}

extension GenerationRequest {
    /// `tiling`, or the setting when the request leaves it out.
    var tiles: Bool { tiling ?? settings.tiling }
}
