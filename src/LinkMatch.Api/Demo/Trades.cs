namespace LinkMatch.Api.Demo;

/// <summary>A kejuruan as the demo world knows it: what its course teaches, which occupations and industries hire
/// it, what it pays, and who tends to train in it. <paramref name="Licensed"/> units are proved only by a
/// certificate or licence (a welder's qualification by position, an operator's SIO, an AK3 certificate): employers
/// ask for them at level 3, and work alone lets a person claim them at level 2 at most.
/// <paramref name="CohortsPerYear"/> is how often its BLK starts a cohort of 16. <paramref name="MaleHiringBias"/>
/// is added to the hiring score of men in the generated history (see <see cref="HiringHistory"/>).</summary>
public sealed record Trade(
    string Key,
    string CourseTitle,
    int Hours,
    string[] Units,
    string[] Occupations,
    string[] Industries,
    string[] VacancyTitles,
    long WageMin,
    long WageMax,
    double FemaleShare,
    string MinEducation,
    bool HasCourse = true,
    string[]? Licensed = null,
    int CohortsPerYear = 4,
    double MaleHiringBias = 0)
{
    public bool IsLicensed(string unit) => Licensed?.Contains(unit) == true;
}

/// <summary>The trades of Balikpapan's labour market. Units and codes come from the starter reference data.</summary>
public static class Trades
{
    public static readonly IReadOnlyList<Trade> All =
    [
        new("welding-smaw", "Pengelasan SMAW Pelat", 480,
            ["C.251000.001.01", "C.251000.004.01", "C.251000.010.01", "C.251000.011.01", "C.251000.030.01"],
            ["7212"], ["09100", "25111", "41012", "05100", "33120"], ["Welder SMAW", "Tukang Las Konstruksi"],
            4_500_000, 7_500_000, 0.03, "smp"),
        new("welding-pipe", "Pengelasan Pipa 6G (SMAW/GTAW)", 640,
            ["C.251000.001.01", "C.251000.004.01", "C.251000.014.01", "C.251000.020.01", "C.251000.025.01"],
            ["7212"], ["09100", "19211", "06100", "06201", "33120"], ["Pipe Welder 6G", "Welder GTAW"],
            6_500_000, 11_000_000, 0.02, "sma", Licensed: ["C.251000.014.01"], CohortsPerYear: 2),
        new("electrical", "Instalasi Listrik Bangunan", 400,
            ["F.432110.001.01", "F.432110.003.01", "F.432110.010.01", "F.432110.012.01", "F.432110.015.01",
             "F.432110.020.01"],
            ["7411", "7412"], ["43211", "41011", "41012"], ["Teknisi Listrik", "Electrician"],
            4_000_000, 6_500_000, 0.06, "smk"),
        new("heavy-operator", "Operator Alat Berat Excavator", 320,
            ["B.051000.001.01", "B.051000.010.01", "B.051000.011.01", "B.051000.012.01", "B.051000.020.01",
             "SIO-ALAT-BERAT"],
            ["8342"], ["05100", "09900", "42101", "41012"], ["Operator Excavator", "Operator Alat Berat"],
            6_000_000, 10_000_000, 0.04, "smp", Licensed: ["SIO-ALAT-BERAT"], CohortsPerYear: 2),
        new("heavy-mechanic", "Mekanik Alat Berat", 560,
            ["G.452010.001.01", "G.452010.020.01", "G.452010.025.01", "G.452010.030.01", "B.051000.020.01"],
            ["7233"], ["05100", "09900", "33120"], ["Mekanik Alat Berat", "Heavy Equipment Mechanic"],
            6_000_000, 10_000_000, 0.03, "smk", CohortsPerYear: 2),
        new("automotive", "Otomotif Kendaraan Ringan", 400,
            ["G.452010.001.01", "G.452010.010.01", "G.452010.012.01", "G.452010.015.01"],
            ["7231"], ["45201", "49431"], ["Mekanik Mobil", "Teknisi Kendaraan Ringan"],
            3_500_000, 5_500_000, 0.05, "smp"),
        new("front-office", "Perhotelan Kantor Depan", 320,
            ["I.551100.001.01", "I.551100.002.01", "I.551100.020.01", "I.551100.021.01", "PAR.UM01.008.01",
             "skill:bahasa-inggris"],
            ["4224"], ["55110", "55120"], ["Front Office Agent", "Resepsionis Hotel"],
            3_500_000, 5_000_000, 0.72, "sma"),
        new("housekeeping", "Perhotelan Tata Graha", 240,
            ["I.551100.001.01", "I.551100.002.01", "I.551100.030.01"],
            ["5151", "9112"], ["55110", "55120"], ["Room Attendant", "Housekeeping Attendant"],
            3_300_000, 4_500_000, 0.58, "smp"),
        new("cooking", "Tata Boga", 360,
            ["I.561010.001.01", "I.561010.010.01", "I.561010.011.01", "I.561010.012.01", "I.561010.020.01"],
            ["5120"], ["56101", "56210", "55110", "56290"], ["Cook", "Juru Masak", "Commis Chef"],
            3_500_000, 5_500_000, 0.55, "smp", MaleHiringBias: 0.5),
        new("it-support", "Teknisi Dukungan TI", 360,
            ["TIK.SM01.001.01", "TIK.SM01.002.01", "TIK.SM01.004.01", "J.620900.009.01", "J.620900.015.01"],
            ["3512", "3513"], ["62090"], ["IT Support", "Teknisi Jaringan"],
            4_000_000, 6_500_000, 0.30, "smk", MaleHiringBias: 0.5),
        new("ac-maintenance", "Teknisi AC dan Refrigerasi", 320,
            ["F.432220.001.01", "F.432220.010.01", "F.432220.011.01", "F.432220.012.01", "F.432220.015.01"],
            ["7127"], ["43222", "55110", "47112"], ["Teknisi AC", "AC Technician"],
            3_800_000, 5_500_000, 0.03, "smp"),
        new("warehouse", "Operator Gudang dan Forklift", 200,
            ["skill:forklift", "AK3-UMUM", "skill:ms-office", "SIM-B2-UMUM"],
            ["4321"], ["52101", "52291", "49431", "47112", "52221"], ["Staf Gudang", "Operator Forklift"],
            3_600_000, 5_200_000, 0.15, "sma", Licensed: ["AK3-UMUM"], MaleHiringBias: 0.5),
        // Mines and the earthworks of the new capital run on haul trucks, and no BLK in the demo world teaches driving
        // one: the training-gap report shows a scarce unit with no course to close it.
        new("haul-truck", "Operator Dump Truck", 200,
            ["B.051000.001.01", "B.051000.013.01", "B.051000.020.01", "SIM-B2-UMUM"],
            ["8332"], ["05100", "09900", "42101"], ["Operator Dump Truck", "Driver Dump Truck Tambang"],
            6_000_000, 9_500_000, 0.02, "smp", HasCourse: false),
        // Retail hires many, but no BLK in the demo world teaches it: the training-gap report shows it.
        new("retail", "Pramuniaga dan Kasir", 160,
            ["I.551100.001.01", "skill:ms-office", "PAR.UM01.008.01"],
            ["5223", "5230"], ["47111", "47112", "47413"], ["Pramuniaga", "Kasir"],
            3_300_000, 4_200_000, 0.70, "sma", HasCourse: false),
    ];
}
