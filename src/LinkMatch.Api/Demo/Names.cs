namespace LinkMatch.Api.Demo;

/// <summary>Word lists for plausible, invented names of people and companies in East Kalimantan.</summary>
internal static class Names
{
    public static readonly string[] Male =
    [
        "Agus", "Ahmad", "Andi", "Arif", "Bayu", "Budi", "Dedi", "Dimas", "Eko", "Fajar", "Fikri", "Hendra", "Ilham",
        "Irfan", "Joko", "Kurniawan", "Lukman", "Muhammad", "Rahmat", "Reza", "Rizky", "Slamet", "Taufik", "Wahyu",
        "Yusuf", "Hasanuddin", "Syahrir", "Aldi", "Bagas", "Gilang", "Hafiz", "Iwan", "Ridwan", "Sugeng", "Teguh",
        "Yoga", "Zainal", "Daeng", "Jumadi", "Nanang",
    ];

    public static readonly string[] Female =
    [
        "Aisyah", "Ani", "Dewi", "Dian", "Fitri", "Indah", "Intan", "Kartika", "Lestari", "Maya", "Mega", "Nur",
        "Putri", "Rahmawati", "Ratna", "Rina", "Sari", "Siti", "Sri", "Wulan", "Yuliana", "Anisa", "Citra", "Eka",
        "Hana", "Lina", "Mira", "Nadia", "Novi", "Rosmiati", "Sinta", "Tri", "Utami", "Vina", "Yanti", "Zahra",
    ];

    public static readonly string[] Family =
    [
        "Saputra", "Pratama", "Hidayat", "Santoso", "Wijaya", "Setiawan", "Nugroho", "Hakim", "Siregar", "Lubis",
        "Pangaribuan", "Rahman", "Syamsuddin", "Gunawan", "Kusuma", "Purnomo", "Hasibuan", "Tambunan", "Rusdi",
        "Amir", "Baso", "Mappanyukki", "Latif", "Sulaiman", "Effendi", "Maulana", "Ramadhan", "Firmansyah",
        "Permana", "Sitompul",
    ];

    public static readonly string[] CompanyCore =
    [
        "Borneo", "Mahakam", "Manggar", "Klandasan", "Teluk", "Kariangau", "Somber", "Sepinggan", "Meratus", "Etam",
        "Benua", "Samboja", "Lamaru", "Karang Joang", "Gunung Tembak", "Segara", "Nusantara", "Khatulistiwa",
        "Paser", "Kutai", "Berau", "Bontang", "Sangatta", "Tenggarong",
    ];

    public static readonly Dictionary<string, string[]> CompanyKind = new()
    {
        ["B"] = ["Energi", "Petro Servis", "Tambang Mandiri", "Coal Services", "Drilling Indonesia", "Mineral Jaya"],
        ["C"] = ["Fabrikasi Baja", "Teknik Mesin", "Engineering", "Kilang Servis"],
        ["F"] = ["Konstruksi", "Karya Bangun", "Elektrikal Teknik", "Mekanikal Elektrikal", "Bangun Persada"],
        ["G"] = ["Swalayan", "Mart", "Komputer", "Motor Servis", "Retail Indonesia"],
        ["H"] = ["Logistik", "Ekspres", "Pelabuhan Jasa", "Trans Kargo", "Gudang Sentral"],
        ["I"] = ["Hotel", "Resort", "Boga Catering", "Resto", "Grand Hotel"],
        ["J"] = ["Solusi Digital", "Teknologi Informasi", "Data Sistem"],
        ["N"] = ["Karya Outsourcing", "Tenaga Jasa"],
    };

    public static readonly string[] Streets =
    [
        "Jl. Jenderal Sudirman", "Jl. MT Haryono", "Jl. Soekarno-Hatta", "Jl. Mulawarman", "Jl. Ruhui Rahayu",
        "Jl. Marsma Iswahyudi", "Jl. Syarifuddin Yoes", "Jl. Ahmad Yani", "Jl. Pangeran Antasari", "Jl. Kariangau",
    ];

    public static readonly string[] Instructors =
    [
        "Drs. Suparman", "Ir. Hadi Susanto", "Rusdiansyah, S.T.", "Nurhayati, S.Pd.", "Bambang Irawan",
        "Yohanes Tandi", "Samsul Arifin, A.Md.", "Lilis Suryani, S.ST.Par.", "Chef Andreas Kurnia", "Muhammad Yamin, S.Kom.",
    ];
}
