using System.Text.Json;

namespace LinkMatch.Ranking;

/// <summary>Writes and reads <see cref="ModelDocument"/> JSON, checking everything a loaded model relies on.</summary>
internal static class ModelSerializer
{
    public static void Write(RankingModel model, Stream stream)
    {
        var trees = new TreeDocument[model.TreeCount];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = model.Trees[t];
            trees[t] = new TreeDocument(
                tree.Feature, tree.Threshold, tree.DefaultLeft, tree.Left, tree.Right, tree.Gain, tree.Cover,
                tree.LeafValue, tree.LeafCover);
        }

        var document = new ModelDocument
        {
            Format = ModelDocument.FormatName,
            Version = ModelDocument.CurrentVersion,
            FeatureNames = [.. model.FeatureNames],
            BinThresholds = [.. model.BinThresholds],
            Parameters = model.Options,
            Metrics = new Dictionary<string, double>(model.Metrics, StringComparer.Ordinal),
            DataFingerprint = model.DataFingerprint,
            Trees = trees,
        };
        JsonSerializer.Serialize(stream, document, ModelJsonContext.Default.ModelDocument);
    }

    public static RankingModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"the model file is not valid JSON: {e.Message}", e);
        }

        using (json)
        {
            CheckHeader(json.RootElement);
            ModelDocument? document;
            try
            {
                document = json.RootElement.Deserialize(ModelJsonContext.Default.ModelDocument);
            }
            catch (JsonException e)
            {
                throw new ModelFormatException($"the model file does not match version {ModelDocument.CurrentVersion}: {e.Message}", e);
            }

            return ModelValidation.ToModel(document ?? throw new ModelFormatException("the model file is empty"));
        }
    }

    private static void CheckHeader(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format)
            || format.ValueKind != JsonValueKind.String
            || format.GetString() != ModelDocument.FormatName)
        {
            throw new ModelFormatException($"not a ranking model: \"format\" is not \"{ModelDocument.FormatName}\"");
        }

        if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number))
        {
            throw new ModelFormatException("the model file has no version number");
        }

        if (number != ModelDocument.CurrentVersion)
        {
            throw new ModelFormatException(
                $"model format version {number} is not supported: this library reads version {ModelDocument.CurrentVersion}");
        }
    }
}
