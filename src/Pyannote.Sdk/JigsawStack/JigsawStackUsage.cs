namespace Pyannote.Sdk.JigsawStack;

/// <summary>Token accounting of a JigsawStack call.</summary>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="InferenceTimeTokens">Tokens charged for inference time.</param>
/// <param name="TotalTokens">Total tokens.</param>
public sealed record JigsawStackUsage(double? InputTokens, double? OutputTokens, double? InferenceTimeTokens, double? TotalTokens);
