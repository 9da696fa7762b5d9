/// The server settings that A1111 exposes as `/sdapi/v1/options` and that generation honours,
/// with AUTOMATIC1111 v1.10's defaults. The one place those defaults live; SDAPI maps each
/// property to its A1111 key (`Settings+Wire.swift`) and persists changes.
public struct Settings: Sendable, Equatable {
    /// Relative path of the selected checkpoint (rendered as its current title on the wire);
    /// nil selects the first checkpoint found.
    public var sdModelCheckpoint: String?
    /// `Automatic`, `None`, or a VAE file name from `/sd-vae`.
    public var sdVAE = "Automatic"
    /// Clip skip: 1 uses the last CLIP layer, N the N-th from the end.
    public var clipStopAtLastLayers = 1
    public var samplesFormat = "png"
    public var jpegQuality = 80
    public var webpLossless = false
    public var enablePNGInfo = true
    public var etaNoiseSeedDelta = 0
    /// `GPU`, `CPU` or `NV` noise source.
    public var randnSource = "GPU"
    public var etaAncestral = 1.0
    public var etaDDIM = 0.0
    public var sChurn = 0.0
    public var sTmin = 0.0
    public var sTmax = 0.0
    public var sNoise = 1.0
    public var sMinUncond = 0.0
    public var sigmaMin = 0.0
    public var sigmaMax = 0.0
    public var rho = 0.0
    public var alwaysDiscardNextToLastSigma = false
    public var sgmNoiseMultiplier = false
    public var betaDistAlpha = 0.6
    public var betaDistBeta = 0.6
    public var initialNoiseMultiplier = 1.0
    public var img2imgFixSteps = false
    public var img2imgBackgroundColor = "#ffffff"
    public var inpaintingMaskWeight = 1.0
    /// `Original`, `No norm`, `Ignore` or `None`.
    public var emphasis = "Original"
    public var commaPaddingBacktrack = 20
    public var enablePromptComments = true
    public var useOldScheduling = false
    public var padCondUncond = false
    public var sdxlClipLSkip = false
    public var sdLora = "None"
    public var extraNetworksDefaultMultiplier = 1.0
    public var addModelHashToInfo = true
    public var addModelNameToInfo = true
    public var addVAEHashToInfo = true
    public var addVAENameToInfo = true
    public var addVersionToInfotext = true
    public var returnGrid = true
    public var returnMask = false
    public var returnMaskComposite = false
    public var showProgressEveryNSteps = 10
    public var livePreviewsEnable = true
    /// `Full` or `TAESD`.
    public var sdVAEEncodeMethod = "Full"
    public var sdVAEDecodeMethod = "Full"
    public var faceRestoration = false
    public var tiling = false
    public var upscalerForImg2img: String?
    public var tokenMergingRatio = 0.0
    public var tokenMergingRatioImg2img = 0.0
    public var tokenMergingRatioHr = 0.0
    public var apiEnableRequests = true
    public var apiForbidLocalRequests = true
    public var apiUseragent = ""
    /// Folders for `save_images`: `outdir_samples` wins over the per-mode ones; empty means
    /// `txt2img-images/` or `img2img-images/` under `--output-dir`, a relative path is taken
    /// under the data directory.
    public var outdirSamples = ""
    public var outdirTxt2imgSamples = ""
    public var outdirImg2imgSamples = ""

    public init() {}
}
