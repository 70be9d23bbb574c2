// The 45 negative controls and sertraline of EmpiricalCalibration 3.1.4 `data/sccs.rda` (OHDSI, Apache-2.0):
// SCCS estimates for GI bleeding, converted to CSV with the Python `rdata` reader (17 significant digits);
// a copy is Validation/Cases/calibration-sertraline-gibleed/ec_sccs_sertraline_gibleed.csv.

enum SertralineGIBleed {
    /// (drug, logRr, seLogRr) of the negative controls (groundTruth 0), in file order.
    static let negativeControls: [(drug: String, logRr: Double, seLogRr: Double)] = [
        ("Thiothixene", 0.43390207400000003, 0.76175376013773199),
        ("Methocarbamol", 0.63631836399999997, 0.18398919863043262),
        ("Phentermine", 0.92975489700000002, 0.29798018370120738),
        ("Disulfiram", 1.6919273429999999, 0.59552219837843545),
        ("Orlistat", 0.52616905999999997, 0.19671994889512195),
        ("Prochlorperazine", 0.85818900799999998, 0.13084604461857455),
        ("Metaxalone", 0.80099241499999996, 0.1208557937378381),
        ("Chlorazepate", 0.87817015099999995, 0.34623978689573903),
        ("Temazepam", 0.73045168000000005, 0.13902187133964242),
        ("Urea", 0.77618847099999999, 0.29705879379187217),
        ("Miconazole", 0.73452359499999997, 0.27788325391555918),
        ("Benzocaine", 1.279632463, 0.26214141101858762),
        ("Oxybutynin", 0.531254954, 0.13397045957139808),
        ("Amylases", 0.106333278, 0.33114826753845572),
        ("Nitrofurantoin", 0.46424663100000002, 0.13874018636284882),
        ("Hyoscyamine", 1.24344184, 0.090779785083070275),
        ("Dicyclomine", 1.347351819, 0.11597129787630642),
        ("Endopeptidases", 0.106333278, 0.33114826753845572),
        ("Propantheline", -0.64762386699999996, 1.3135211666227322),
        ("Scopolamine", 0.85607930600000004, 0.16092114038338981),
        ("Simethicone", 1.3079247599999999, 0.19409665018288569),
        ("Ketoconazole", 1.1636848310000001, 0.11753148217635431),
        ("Lactulose", 0.81623468700000001, 0.3873816724964253),
        ("Lipase", 0.106333278, 0.33114826753845572),
        ("Sucralfate", 1.506439297, 0.13117075520220056),
        ("Tetrahydrocannabinol", 0.73756339699999995, 0.80561643113516257),
        ("Loratadine", 0.68784957099999999, 0.061145938517953552),
        ("Benzonatate", 0.62943312399999995, 0.10155054325350177),
        ("Salmeterol", 0.78774764500000005, 0.081931049969164213),
        ("Ergotamine", 0.089599439000000003, 0.55100016521950346),
        ("Fluticasone", 0.70447484599999999, 0.072644489972009521),
        ("Epoetin Alfa", 0.64738734600000003, 0.25179735904462713),
        ("Moexipril", 0.25066564200000002, 0.23306313241601428),
        ("Chlorambucil", 1.938194097, 0.80501822344891616),
        ("Ferrous gluconate", 1.119246873, 0.14583379638144361),
        ("Pioglitazone", 0.38041439399999999, 0.13109747082327913),
        ("Acarbose", 0.57138622400000005, 0.67647460165682827),
        ("Rosiglitazone", 0.52179065599999996, 0.12671642424151944),
        ("Itraconazole", 1.021801577, 0.31106551441685959),
        ("Lamivudine", 0.473702289, 0.50335173136432765),
        ("Zidovudine", 0.79614467700000002, 0.64758236702722016),
        ("Penicillin V", 0.89359186899999998, 0.37599694751303364),
        ("Terbinafine", 1.029418911, 0.14165947036940424),
        ("Stavudine", -0.85308226399999998, 0.80995029568879418),
        ("Vitamin A", 1.1274860369999999, 0.57301008770198969),
    ]
    /// Sertraline (groundTruth 1).
    static let sertraline = (logRr: 0.73262353700000005, seLogRr: 0.07371708489747715)
}
