using System.Security.Cryptography;
using System.Text;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Ranking;

namespace LinkMatch.Api.Matching.Models;

/// <summary>A loaded model with its version and the mapping from the extractor's features to its own.</summary>
public sealed class ServingModel
{
    public ServingModel(int version, RankingModel model)
    {
        Version = version;
        Model = model;
        Layout = new FeatureLayout(model.FeatureNames);
    }

    public int Version { get; }

    public RankingModel Model { get; }

    public FeatureLayout Layout { get; }

    public static RankingModel Parse(byte[] zip) => RankingModel.Load(new MemoryStream(zip, writable: false));

    public static byte[] Serialize(RankingModel model) => model.ToBytes().ToArray();

    public static string Sha256(byte[] zip) => Convert.ToHexStringLower(SHA256.HashData(zip));
}

/// <summary>The baseline model that ships inside the binary (ml-models/NAME.zip, an ML.NET model, embedded), with
/// the metrics file <c>train-model</c> wrote beside it (NAME.metrics.json). It serves when no model does (a new
/// database, or one whose models are all obsolete).</summary>
public static class BaselineModel
{
    public static string ResourceName(string name) => $"ml-models/{name}.zip";

    public static (byte[] Zip, string? MetricsJson) Read(string name)
    {
        var assembly = typeof(BaselineModel).Assembly;
        using var model = assembly.GetManifestResourceStream(ResourceName(name))
            ?? throw new InvalidOperationException(
                $"The baseline model {ResourceName(name)} is not embedded in the binary (Matching:BaselineModel).");
        using var copy = new MemoryStream();
        model.CopyTo(copy);
        var zip = copy.ToArray();
        using var metrics = assembly.GetManifestResourceStream($"ml-models/{name}.metrics.json");
        if (metrics is null)
        {
            return (zip, null);
        }

        using var metricsReader = new StreamReader(metrics, Encoding.UTF8);
        return (zip, metricsReader.ReadToEnd());
    }
}
