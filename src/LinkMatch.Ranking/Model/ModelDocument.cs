using System.Text.Json.Serialization;

namespace LinkMatch.Ranking;

/// <summary>
/// The JSON form of a model, version 1. Trees keep their node arrays side by side; a child reference below 0 is
/// a leaf (~reference is its index). Thresholds are the bin bounds the trees split on, to the last bit.
/// </summary>
internal sealed record ModelDocument
{
    public const string FormatName = "linkmatch-ranking-model";
    public const int CurrentVersion = 1;

    public required string Format { get; init; }

    public required int Version { get; init; }

    public required string[] FeatureNames { get; init; }

    /// <summary>Per feature, the upper bounds of its bins (see FeatureBins).</summary>
    public required float[][] BinThresholds { get; init; }

    public required TrainingOptions Parameters { get; init; }

    public required Dictionary<string, double> Metrics { get; init; }

    public required string DataFingerprint { get; init; }

    public required TreeDocument[] Trees { get; init; }
}

internal sealed record TreeDocument(
    int[] Feature, float[] Threshold, bool[] DefaultLeft, int[] Left, int[] Right, double[] Gain, int[] Cover,
    double[] LeafValue, int[] LeafCover);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
