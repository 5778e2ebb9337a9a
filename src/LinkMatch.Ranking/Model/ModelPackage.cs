using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace LinkMatch.Ranking;

/// <summary>
/// The model file: the zip <c>mlContext.Model.Save</c> writes (plain ML.NET loads and scores it), plus LinkMatch's
/// <see cref="ModelDocument"/> as one more entry, which ML.NET ignores. Entries carry a fixed date, so the same
/// model always gives the same bytes (and the same SHA-256).
/// </summary>
internal static class ModelPackage
{
    private static readonly DateTimeOffset EntryDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Write(MLContext ml, ITransformer transformer, ModelDocument document)
    {
        using var saved = new MemoryStream();
        ml.Model.Save(transformer, DataViews.InputSchema(ml, document.FeatureNames), saved);
        saved.Position = 0;
        using var output = new MemoryStream();
        using (var source = new ZipArchive(saved, ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                Add(target, entry.FullName, from);
            }

            using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, ModelJsonContext.Default.ModelDocument));
            Add(target, ModelDocument.EntryName, json);
        }

        return output.ToArray();
    }

    public static RankingModel Read(byte[] package)
    {
        if (package.Length == 0)
        {
            throw new ModelFormatException("the model file is empty");
        }

        if (package[0] == (byte)'{')
        {
            throw new ModelFormatException(
                "a JSON model of LinkMatch's former trainer (format version 1): this version reads ML.NET model zips " +
                $"(format version {ModelDocument.CurrentVersion}); train the model again");
        }

        ModelDocument document;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
            var entry = zip.GetEntry(ModelDocument.EntryName) ?? throw new ModelFormatException(
                $"not a LinkMatch ranking model: the zip has no {ModelDocument.EntryName} (node covers and missing-value directions)");
            using var stream = entry.Open();
            document = ReadDocument(stream);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"not a ranking model: the file is not a zip ({e.Message})", e);
        }

        var ml = new MLContext();
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = ml.Model.Load(new MemoryStream(package), out schema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException)
        {
            throw new ModelFormatException($"ML.NET cannot load the model: {e.Message}", e);
        }

        if (transformer is not ISingleFeaturePredictionTransformer<object> { Model: TreeEnsembleModelParametersBasedOnRegressionTree parameters })
        {
            throw new ModelFormatException($"not a tree ensemble model: ML.NET loaded a {transformer.GetType().Name}");
        }

        var width = document.FeatureNames.Length;
        if (schema.GetColumnOrNull(DataViews.Features) is not { Type: VectorDataViewType { Size: var size } } || size != width)
        {
            throw new ModelFormatException($"the model's input is not a {DataViews.Features} vector of {width} values");
        }

        return ModelValidation.ToModel(document, EnsembleReader.Read(parameters, width), package);
    }

    private static ModelDocument ReadDocument(Stream stream)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{ModelDocument.EntryName} is not valid JSON: {e.Message}", e);
        }

        using (json)
        {
            CheckHeader(json.RootElement);
            try
            {
                return json.RootElement.Deserialize(ModelJsonContext.Default.ModelDocument)
                    ?? throw new ModelFormatException($"{ModelDocument.EntryName} is empty");
            }
            catch (JsonException e)
            {
                throw new ModelFormatException($"{ModelDocument.EntryName} does not match version {ModelDocument.CurrentVersion}: {e.Message}", e);
            }
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

    private static void Add(ZipArchive zip, string name, Stream content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryDate;
        using var to = entry.Open();
        content.CopyTo(to);
    }
}
