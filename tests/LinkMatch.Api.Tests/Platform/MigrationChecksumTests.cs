using System.Globalization;
using LinkMatch.Api.Database;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>A landed migration never changes and no number goes missing: <c>db/checksums.txt</c> keeps the checksum
/// of every migration as <c>schema_migrations</c> records it, and the numbers skipped.</summary>
public class MigrationChecksumTests
{
    private static readonly string ChecksumFile = RepositoryFiles.PathOf("db", "checksums.txt");

    private static (Dictionary<string, string> Landed, HashSet<int> Skipped) Recorded()
    {
        var landed = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new HashSet<int>();
        foreach (var line in File.ReadAllLines(ChecksumFile).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["skipped", var number])
            {
                skipped.Add(int.Parse(number, CultureInfo.InvariantCulture));
            }
            else
            {
                landed.Add(parts[0], parts[1]);
            }
        }

        return (landed, skipped);
    }

    [Fact]
    public void Every_migration_has_its_recorded_checksum()
    {
        var (landed, _) = Recorded();
        var shipped = Migrator.Embedded;
        foreach (var migration in shipped)
        {
            Assert.True(landed.TryGetValue(migration.Name, out var checksum),
                $"db/{migration.Name} is not in db/checksums.txt; add the line \"{migration.Name} {migration.Checksum}\".");
            Assert.True(checksum == migration.Checksum,
                $"db/{migration.Name} changed after it landed (recorded {checksum}, now {migration.Checksum}). "
                + "A landed migration is never edited: undo the change and put the fix in a new file.");
        }

        var missing = landed.Keys.Except(shipped.Select(m => m.Name)).ToList();
        Assert.True(missing.Count == 0, $"Landed migrations are gone from db/: {string.Join(", ", missing)}.");
    }

    [Fact]
    public void The_files_on_disk_are_the_ones_the_service_ships()
    {
        var onDisk = Directory.GetFiles(RepositoryFiles.PathOf("db"), "*.sql")
            .Select(f => new Migration(Path.GetFileName(f), File.ReadAllText(f)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => (m.Name, m.Checksum));
        Assert.Equal(onDisk, Migrator.Embedded.Select(m => (m.Name, m.Checksum)));
    }

    [Fact]
    public void Migration_numbers_follow_on_without_gaps_unless_recorded()
    {
        var (_, skipped) = Recorded();
        var numbers = Migrator.Embedded.Select(m => int.Parse(m.Name[..4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        for (var n = 1; n <= numbers.Max(); n++)
        {
            Assert.True(numbers.Contains(n) || skipped.Contains(n),
                $"Migration number {n:0000} is missing; a number is never skipped (record a deliberate gap in db/checksums.txt).");
            Assert.False(numbers.Contains(n) && skipped.Contains(n), $"{n:0000} is recorded as skipped but exists.");
        }
    }
}
