using LinkMatch.Api.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer(TestOrder.CollectionOrderer, TestOrder.Assembly)]
[assembly: TestCaseOrderer(TestOrder.CaseOrderer, TestOrder.Assembly)]

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>The order test classes (collections) start in and the order of the tests of a class, from
/// <c>LINKMATCH_TEST_ORDER</c>: unset, xunit's own stable order; <c>reverse</c>, that order reversed;
/// <c>random:SEED</c>, shuffled by the seed. Running the suite in another order shows that no test depends on what
/// another left behind.</summary>
public static class TestOrder
{
    public const string Assembly = "LinkMatch.Api.Tests";
    public const string CollectionOrderer = "LinkMatch.Api.Tests.Infrastructure.TestOrder+Collections";
    public const string CaseOrderer = "LinkMatch.Api.Tests.Infrastructure.TestOrder+Cases";
    public const string Variable = "LINKMATCH_TEST_ORDER";

    /// <summary>Puts items already in xunit's stable order into the order the variable asks for.</summary>
    public static IEnumerable<T> Apply<T>(IEnumerable<T> stable, string? order)
    {
        var items = stable.ToList();
        switch (order)
        {
            case null or "":
                return items;
            case "reverse":
                items.Reverse();
                return items;
            case not null when order.StartsWith("random:", StringComparison.Ordinal)
                               && int.TryParse(order["random:".Length..], out var seed):
                new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
                return items;
            default:
                throw new InvalidOperationException($"{Variable}='{order}': expected reverse or random:<seed>.");
        }
    }

    public sealed class Collections : ITestCollectionOrderer
    {
        private readonly DefaultTestCollectionOrderer stable = new();

        public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
            Apply(stable.OrderTestCollections(testCollections), Environment.GetEnvironmentVariable(Variable));
    }

    public sealed class Cases(IMessageSink sink) : ITestCaseOrderer
    {
        private readonly DefaultTestCaseOrderer stable = new(sink);

        public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
            where TTestCase : ITestCase =>
            Apply(stable.OrderTestCases(testCases), Environment.GetEnvironmentVariable(Variable));
    }
}
