using System.Text.Json.Serialization;

namespace LinkMatch.Ranking;

/// <summary>
/// What LinkMatch keeps beside the ML.NET model inside the model zip (entry <see cref="EntryName"/>), version 2:
/// the feature names, training parameters, metrics and data fingerprint, and per tree (in ML.NET's node numbering)
/// where each node sends a missing value and how many training rows reached each node and leaf, which TreeSHAP needs
/// and ML.NET does not keep. Version 1 was the JSON model of LinkMatch's own trainer.
/// </summary>
internal sealed record ModelDocument
{
    public const string EntryName = "LinkMatch/model.json";
    public const string FormatName = "linkmatch-ranking-model";
    public const int CurrentVersion = 2;

    public required string Format { get; init; }

    public required int Version { get; init; }

    public required string[] FeatureNames { get; init; }

    public required TrainingOptions Parameters { get; init; }

    public required Dictionary<string, double> Metrics { get; init; }

    public required string DataFingerprint { get; init; }

    public required TreeExtras[] Trees { get; init; }
}

/// <summary>Per node: default direction of NaN and cover; per leaf: cover.</summary>
internal sealed record TreeExtras(bool[] DefaultLeft, int[] Cover, int[] LeafCover);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
