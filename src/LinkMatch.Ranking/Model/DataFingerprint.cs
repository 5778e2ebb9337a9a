using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LinkMatch.Ranking;

/// <summary>
/// SHA-256 of a dataset's shape, feature names, labels, query offsets and every feature value (column by column,
/// little-endian floats): two models with the same fingerprint saw the same training data.
/// </summary>
internal static class DataFingerprint
{
    public static string Of(RankingDataset data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<int> shape = [data.RowCount, data.FeatureCount, data.QueryCount];
        hash.AppendData(MemoryMarshal.AsBytes(shape));
        foreach (var name in data.FeatureNames)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
        }

        hash.AppendData(MemoryMarshal.AsBytes(data.Labels));
        hash.AppendData(MemoryMarshal.AsBytes(data.QueryOffsets));
        for (var f = 0; f < data.FeatureCount; f++)
        {
            hash.AppendData(MemoryMarshal.AsBytes(data.Column(f)));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
