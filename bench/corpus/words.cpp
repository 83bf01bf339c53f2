// Words: the vocabulary of the synthetic corpus, composed for this generator.
#include "corpus/words.h"

namespace clubsearch::bench::words {

const std::string_view function_words = R"(
the of and to a in is that it for this with as on but be are was not I by at from
or have an they which you can more we their has so what if about there all would one
how when them do than its were been also just some into these like other only our out
no up my could most much very even because then where while does still both each any
those between over through should may might here such without did being had will after
before since why who me really too well under against whether though although every few
many same own yet across within rather instead again around quite per via upon among
almost already often never always perhaps maybe actually simply mostly nearly else once
whose whom either neither nor toward towards beyond despite unless until during above
below behind therefore however thus hence indeed anyway somewhat enough less least further
together apart away back down off along onto throughout whereas something anything
everything nothing someone anyone everyone itself themselves myself ourselves his her he
she him us your it's don't I'm isn't can't doesn't I've that's there's won't didn't
they're we're you're wasn't aren't I'd hadn't wouldn't couldn't shouldn't let's
)";

const std::string_view common_words = R"(
time people way work thing things year years good new first make made know think see
get got use used using want go going look looking find found give take come part point
great little long lot lots right big high small large different important early old
young next last best better sure real clear hard easy interesting cool fun nice neat
read reading write writing wrote written idea ideas question questions problem problems
result results example examples case cases number numbers fact area areas world life
week weeks month months day days hour hours minute minutes moment today yesterday
tomorrow recently lately later soon now currently finally basically generally usually
probably certainly clearly definitely especially particularly surprisingly honestly
interestingly apparently essentially roughly exactly directly quickly slowly easily
strongly heavily largely slightly completely entirely fully partly partially mainly
show shows showed shown seem seems seemed feel feels felt tell told say says said ask
asked try tried trying call called keep kept let put set run running ran start started
end ended begin began turn turned move moved change changed changes help helped helps
need needs needed mean means meant believe believed understand understood understanding
learn learned learning explain explained explains explanation argue argues argued argument
arguments claim claims claimed suggest suggests suggested suggestion propose proposes
proposed proposal follow follows followed following lead leads led include includes
included including consider considered considering expect expected expectation expectations
notice noticed note notes noted remember remembered forget forgot agree agreed disagree
disagreement worry worried concern concerns concerned care cared hope hoped wish wonder
wondered guess guessed imagine imagined decide decided choose chose choice choices
build built building make making create created creating design designed designing
implement implemented implementing implementation test tested testing tests measure
measured measuring measurement measurements compare compared comparing comparison check
checked checking fix fixed fixing add added adding remove removed removing replace
replaced replacing reduce reduced reducing increase increased increasing improve improved
improving improvement improvements apply applied applying solve solved solving handle
handled handling work worked working works study studied studying studies explore explored
exploring exploration describe described describing description discuss discussed
discussing discussion review reviewed reviewing present presented presenting provide
provided providing produce produced producing require required requiring requirement
support supported supporting allow allowed allowing enable enabled enabling prevent
prevented preventing avoid avoided avoiding focus focused focusing depend depends
depended depending happen happens happened happening matter matters mattered
system systems method methods approach approaches technique techniques process processes
structure structures pattern patterns function functions property properties component
components element elements level levels step steps stage stages piece pieces kind kinds
type types form forms version versions set sets group groups class classes order orders
line lines side sides end top bottom middle center edge edges space spaces place places
way ways path paths direction directions position positions range ranges scale scales
size sizes amount amounts degree degrees rate rates speed cost costs price value values
quality quantity measure measures total average sum count share majority minority
field fields domain domains topic topics subject subjects theme themes category categories
section sections chapter chapters page pages book books article articles post posts
blog blogs essay essays note story stories report reports survey surveys summary
summaries overview introduction conclusion conclusions appendix footnote footnotes
figure figures table tables chart charts plot plots graph graphs diagram diagrams
picture pictures image images video videos talk talks lecture lectures course courses
tutorial tutorials thread threads comment comments reply replies answer answers response
responses feedback reviewer reviewers author authors writer writers reader readers
researcher researchers scientist scientists engineer engineers student students teacher
teachers professor professors person persons team teams group lab labs company companies
organization organizations government governments community communities society public
user users customer customers developer developers friend friends colleague colleagues
human humans animal animals brain brains mind minds body bodies cell cells gene genes
protein proteins molecule molecules chemistry physics biology mathematics math economics
psychology philosophy history science sciences engineering medicine health law policy
politics market markets industry business money budget funding grant grants
project projects program programs product products service services platform platforms
tool tools framework frameworks library libraries package packages software hardware
computer computers machine machines device devices phone phones chip chips server servers
cluster clusters cloud internet web website websites browser network app apps code
file files folder document documents record records database databases log logs
text texts word words sentence sentences paragraph paragraphs letter letters language
languages name names term terms phrase phrases symbol symbols sign signs signal signals
information knowledge evidence proof proofs theory theories hypothesis hypotheses
assumption assumptions principle principles rule rules law laws concept concepts notion
model view views perspective perspectives opinion opinions belief beliefs intuition
intuitions sense senses feeling feelings experience experiences memory memories
attention focus interest interests reason reasons cause causes effect effects impact
impacts influence consequence consequences outcome outcomes goal aim aims purpose
purposes plan plans strategy strategies decision decisions action actions activity
activities behavior behaviour behaviors task tasks job jobs role roles responsibility
effort efforts progress success successes failure failures mistake mistakes error errors
risk risks danger dangers threat threats problem issue issues challenge challenges
difficulty difficulties limit limits limitation limitations constraint constraints
advantage advantages benefit benefits strength strengths weakness weaknesses gap gaps
difference differences similarity similarities relationship relationships connection
connections link links relation relations interaction interactions balance tradeoff
tradeoffs trade contrast alternative alternatives option options possibility
possibilities opportunity opportunities chance chances future past present history
start beginning middle ending end version update updates release releases launch
event events meeting meetings conference conferences workshop workshops seminar
competition contest prize award awards season series episode episodes issue
state states condition conditions situation situations context contexts environment
environments setting settings scenario scenarios example instance instances sample
samples specimen trial trials experiment experiments observation observations
finding findings discovery discoveries insight insights lesson lessons takeaway
takeaways detail details aspect aspects feature factor factors variable variables
parameter component mechanism mechanisms dynamics behaviour trend trends shift shifts
growth decline rise fall loss gain gains peak peaks curve curves line slope baseline
baselines target targets benchmark standard standards criterion criteria metric score
scores rating ratings rank ranking rankings list lists table index indices collection
archive archives source sources reference references citation citations quote quotes
good bad better worse best worst great poor strong weak simple complex complicated
hard difficult easy obvious subtle clear unclear vague precise accurate inaccurate
correct incorrect wrong true false real fake natural artificial general specific
particular common rare unusual typical normal strange weird odd surprising expected
unexpected obvious novel original new old recent modern classic classical traditional
current previous future prior final initial main major minor key central core basic
fundamental advanced primary secondary local global internal external open closed
public private free expensive cheap fast slow quick short long tall wide narrow deep
shallow heavy light dark bright hot cold warm full empty rich poor safe unsafe dangerous
careful careless useful useless helpful harmful valuable important relevant irrelevant
significant insignificant possible impossible likely unlikely certain uncertain
necessary sufficient enough available missing present absent similar different
various several multiple single double whole entire complete partial half
social political economic personal practical theoretical empirical experimental
technical scientific academic formal informal official historical physical mental
chemical biological mathematical statistical computational numerical logical
beautiful elegant ugly messy clean clever smart stupid silly funny boring exciting
impressive promising disappointing convincing compelling confusing frustrating
annoying pleasant unpleasant happy sad angry afraid excited curious skeptical
optimistic pessimistic confident nervous worried tired busy ready able unable
first second third fourth fifth last next previous following several few many
two three four five six seven eight ten hundred thousand million billion dozen
once twice half quarter percent majority part
again rather quite pretty fairly really truly deeply highly widely closely broadly
frankly personally admittedly arguably presumably supposedly seemingly potentially
effectively efficiently carefully properly correctly poorly badly nicely reasonably
naturally obviously unfortunately fortunately luckily sadly hopefully ideally
initially originally eventually ultimately previously subsequently immediately
gradually suddenly rapidly steadily constantly frequently rarely occasionally
sometimes usually typically normally commonly widely regularly consistently
run runs ran train trains trained fit fits fitted predict predicts predicted
prediction predictions estimate estimates estimated estimation sample sampled
sampling generate generates generated generation search searched searching
select selected selecting selection rank ranked optimize optimized optimizing
scale scaled scaling transfer transferred transfers combine combined combining
combination separate separated separating split splits merge merged merging
extract extracted extracting extraction filter filtered filtering sort sorted
label labeled labelled labeling annotate annotated map mapped mapping encode encoded
encoding decode decoded decoding compress compressed compression represent represents
represented representing detect detected detecting detection identify identified
identifying identification classify classified classifying recognize recognized
recognition interpret interpreted interpreting interpretation analyze analyzed analyse
analysed analyzing analysis analyses evaluate evaluated evaluating assess assessed
assessing assessment verify verified verifying verification validate validated
validation reproduce reproduced reproducing reproduction replicate replicated
replication publish published publishing publication publications release released
share shared sharing post posted posting link linked linking cite cited citing
mention mentioned mentioning recommend recommended recommending recommendation
enjoy enjoyed enjoying like liked love loved hate hated prefer preferred appreciate
appreciated skim skimmed revisit revisited reread summarize summarized summarise
paper papers
water fire earth air light sound color colour shape weight height length width
depth distance temperature pressure energy power force motion velocity acceleration
mass charge field wave waves frequency frequencies particle particles atom atoms
electron electrons photon photons quantum optics laser lasers material materials
metal glass crystal crystals surface surfaces fluid fluids flow flows heat
city cities country countries nation region regions street house home room office
school schools university universities college campus hospital library museum
road car cars train plane ship boat bike food coffee tea dinner lunch breakfast
game games play played playing player players chess puzzle puzzles sport sports
music song songs art artist movie movies film films novel novels poem poems
morning evening night weekend summer winter spring autumn holiday vacation trip
family parent parents child children kid kids mother father brother sister son
daughter baby wife husband partner neighbor neighbours stranger crowd audience
war peace power control freedom rights justice fairness equality trust
respect value norms culture cultures religion ethics morality moral virtue
death birth age aging disease diseases drug drugs treatment therapy patient patients
doctor doctors nurse clinic vaccine virus viruses infection pandemic climate carbon
emissions pollution forest forests ocean oceans river rivers mountain mountains
island land farm farms crop crops food energy solar wind nuclear battery batteries
electricity grid fuel oil gas coal mining supply demand trade tariff tariffs
inflation interest debt tax taxes wage wages labor labour employment worker workers
manager managers leader leaders founder founders investor investors startup startups
regulation regulations regulator regulators lawyer lawyers court courts judge judges
election elections vote votes voter voters party parties campaign campaigns senator
minister president agency agencies military army weapon weapons security privacy
surveillance censorship propaganda misinformation news media press journalist
journalists newspaper magazine headline headlines interview interviews podcast podcasts
thought thoughts worth small tiny huge massive enormous modest moderate extreme
extremely incredibly absolutely relatively comparatively approximately nearly
hundreds thousands millions billions dozens couple pair handful bunch plenty
bit bits lot deal ton tons loads kind sort piece
sentence clause question answer puzzle riddle mystery surprise shock joke irony
humor humour nuance detail caveat caveats footnote disclaimer warning hint hints
trick tricks hack hacks shortcut shortcuts recipe recipes guide guides manual manuals
checklist roadmap timeline agenda plan draft drafts outline sketch sketches prototype
prototypes demo demos toy toys playground sandbox notebook notebooks spreadsheet
slide slides deck poster posters whiteboard notebook journal diary
reasonable unreasonable sensible plausible implausible believable credible robust
fragile brittle stable unstable consistent inconsistent coherent incoherent
transparent opaque honest dishonest fair unfair biased unbiased neutral objective
subjective rigorous sloppy careful thorough shallow superficial detailed brief
concise verbose readable unreadable accessible inaccessible approachable dense
intuitive counterintuitive elegant clunky straightforward tricky subtle nontrivial
trivial obvious hidden visible invisible explicit implicit direct indirect
automatic manual dynamic static active passive positive negative neutral
lower upper inner outer left right north south east west front rear
begin ends continue continued continues continuing stop stopped stops stopping wait
waited waiting watch watched watching listen listened listening speak spoke spoken
talk talked talking discuss mention read reads teach taught teaching practice
practiced practise exercise exercises homework lesson study notes
reach reached reaching hit hits miss missed missing catch caught throw threw pass
passed passing fail failed failing succeed succeeded succeeding win won winning
lose lost losing beat beats beating break broke broken breaking hold held holding
carry carried carrying bring brought bringing send sent sending receive received
receiving open opened opening close closed closing cut cuts cutting grow grew grown
growing raise raised raising drop dropped dropping push pushed pushing pull pulled
pulling draw drew drawn drawing fill filled filling spend spent spending save saved
saving buy bought buying sell sold selling pay paid paying offer offered offering
join joined joining leave left leaving stay stayed staying live lived living die died
dying kill killed killing survive survived surviving protect protected protecting
attack attacked attacking defend defended defending fight fought fighting
)";

const std::string_view technical_terms = R"(
model models training data paper language learning neural network networks
transformer transformers attention layer layers feature features interpretability
alignment safety reward policy agent agents LLM LLMs SAE SAEs sparse autoencoder
autoencoders activation activations steering vector vectors circuit circuits
mechanistic probe probes probing fine-tuning finetuning pretraining pretrained
gradient gradients loss optimizer benchmark benchmarks evaluation evaluations evals
dataset datasets token tokens tokenizer tokenization embedding embeddings residual
stream head heads neuron neurons superposition polysemantic monosemantic dictionary
RLHF DPO PPO RL reinforcement inference scaling compute parameters weights bias
variance generalization overfitting regularization dropout batch normalization softmax
logits logit lens tuned forecasting calibration calibrated deception deceptive
sycophancy jailbreak jailbreaks jailbreaking refusal refusals red-teaming adversarial
robustness backdoor backdoors sleeper oversight scalable debate amplification
constitutional honesty hallucination hallucinations retrieval RAG agentic planning
reasoning chain-of-thought CoT grokking induction memorization phase transition
transitions emergent emergence capability capabilities elicitation sandbagging
situational awareness corrigibility mesa-optimizer misalignment misaligned goal
specification gaming Goodhart proxy diffusion denoising latent latents VAE GAN CNN
convolutional ViT vision multimodal CLIP contrastive self-supervised distillation
quantization pruning sparsity mixture-of-experts MoE routing LoRA PEFT adapter
adapters ReFT prompt prompts prompting in-context few-shot zero-shot instruction
instructions tuning SFT preference preferences annotator annotators classifier
classifiers linear nonlinear manifold manifolds geometry subspace subspaces orthogonal
eigenvalue eigenvalues eigenvector eigenvectors matrix matrices tensor tensors
low-rank SVD PCA ablation ablations patching causal intervention interventions
attribution saliency integrated Shapley counterfactual counterfactuals faithfulness
JAX PyTorch TensorFlow CUDA GPU GPUs TPU TPUs kernel kernels FLOPs throughput
latency memory bandwidth cache caching KV quantized int8 fp16 bf16 precision mixed
optimizer optimizers Adam AdamW SGD momentum learning-rate warmup schedule schedules
cosine decay weight-decay initialization init checkpoint checkpoints epoch epochs
step steps iteration iterations convergence converge converges divergence diverges
stochastic deterministic sampling temperature top-k top-p beam greedy decoding
autoregressive encoder decoder encoder-decoder seq2seq BERT GPT GPT-2 GPT-3 GPT-4
Claude Gemini Llama Mistral Pythia Gemma Qwen o1 T5 RoBERTa ResNet AlphaFold AlphaGo
AlphaZero MuZero DQN Q-learning actor-critic value-function advantage bootstrapping
Monte Carlo rollout rollouts trajectory trajectories environment environments
simulator simulation simulations world-model world-models planning search tree
MCTS heuristic heuristics objective objectives utility utilities optimization
optimizer inner outer mesa base instrumental convergence power-seeking shutdown
interruptibility myopia myopic non-myopic consequentialist consequentialism agency
agentic goal-directed deceptively schemer scheming alignment-faking faking
evaluation-awareness monitor monitors monitoring control trusted untrusted
auditing audit audits watermark watermarking provenance attribution unlearning
editing ROME MEMIT knowledge factual factuality truthfulness TruthfulQA MMLU
GSM8K HumanEval SWE-bench ARC HellaSwag BIG-bench leaderboard leaderboards
contamination held-out out-of-distribution OOD distribution distributions shift
covariate domain-adaptation transfer meta-learning continual catastrophic forgetting
curriculum self-play bootstrapped synthetic augmentation augmentations noise noisy
label-noise weak-to-strong supervision supervised unsupervised semi-supervised
reward-model reward-hacking hacking specification overoptimization KL divergence
entropy cross-entropy perplexity likelihood log-likelihood posterior prior priors
Bayesian inference variational ELBO sampling MCMC Langevin score-based flow flows
normalizing energy-based EBM Boltzmann Hopfield associative recurrent RNN LSTM GRU
state-space SSM Mamba S4 linear-attention RWKV positional rotary RoPE ALiBi
context-length long-context window windows sliding flash FlashAttention
sparse-attention MLP MLPs feedforward GELU ReLU SwiGLU LayerNorm RMSNorm
skip-connection skip residual-stream QK OV attention-head attention-heads copying
induction-head induction-heads previous-token name-mover IOI modular addition
arithmetic algorithmic toy-model toy-models feature-splitting absorption dead
dense L0 L1 reconstruction transcoder transcoders crosscoder crosscoders
dictionary-learning top-k gated JumpReLU steering-vector steering-vectors
representation representations representation-engineering RepE concept concepts
direction directions linear-probe linear-probes probing-classifier CCS
contrast-consistent eliciting latent-knowledge ELK ontology ontologies
world-knowledge truth lie lies lying honesty sycophantic persona personas
role-play simulator simulacra shoggoth character characters chat chatbot chatbots
assistant assistants harmless helpful HHH constitutional-AI RLAIF critique
critiques self-critique self-refine refinement verifier verifiers process-supervision
outcome-supervision PRM ORM math-reasoning theorem theorem-proving Lean formal
verification proof-search program-synthesis code-generation coding codegen
compiler compilers interpreter static-analysis fuzzing vulnerability
vulnerabilities exploit exploits cybersecurity cyber bioweapon biosecurity
dual-use uplift misuse threat-model threat-models RSP responsible scaling-policy
frontier frontier-models governance compute-governance export-controls
licensing evaluation-suite dangerous-capability dangerous-capabilities
autonomy autonomous replication self-replication takeoff timelines AGI ASI
superintelligence transformative TAI intelligence explosion recursive
self-improvement automation automating economy economic forecasting forecast
forecasts Metaculus prediction-market prediction-markets Brier log-score
scoring superforecaster superforecasters aggregation ensemble ensembles
bagging boosting XGBoost random-forest decision-tree decision-trees regression
logistic SVM kernel-methods Gaussian-process Gaussian kriging spline splines
differentiable autodiff autograd backpropagation backprop Jacobian Hessian
curvature loss-landscape sharpness flat minima saddle lottery ticket
mode-connectivity NTK neural-tangent mean-field infinite-width muP
hyperparameter hyperparameters sweep sweeps ablate solver solvers PDE PDEs
ODE neural-ODE physics-informed PINN PINNs finite-element mesh simulation
inverse-design topology-optimization photonics nanophotonics metasurface
metamaterial waveguide waveguides FDTD Maxwell electromagnetic optics
scientific-computing numerical-methods sparse-solver linear-algebra
preconditioner conjugate-gradient Krylov eigen decomposition factorization
graph-neural GNN GNNs message-passing node nodes edge-features molecule
molecular protein-folding structure-prediction docking drug-discovery
genomics single-cell sequencing DNA RNA CRISPR
speech audio ASR TTS Whisper tokenizer BPE vocabulary subword byte-level
multilingual translation summarization question-answering QA dialogue
information-retrieval search-engine ranking reranking dense-retrieval BM25
embedding-model vector-database index indexing
robotics robot robots manipulation locomotion sim-to-real imitation
behavior-cloning offline-RL online exploration intrinsic curiosity sparse-reward
reward-shaping inverse-RL IRL cooperative multi-agent game-theory Nash
equilibrium equilibria mechanism-design incentive incentives auction auctions
voting social-choice
open-source open-weights weights API APIs endpoint deployment deployed production
inference-time test-time compute-optimal Chinchilla scaling-laws power-law
power-laws loss-curve loss-curves emergent-abilities phase-changes
double-descent grokked memorize memorized memorizing interpolation
extrapolation compositional compositionality systematic generalize generalizes
generalized inductive inductive-bias simplicity-bias spectral spectrum
Fourier frequency-domain wavelet convolution convolutions pooling attention-map
attention-maps heatmap heatmaps visualization visualizations dashboard
Neuronpedia TransformerLens nnsight SAELens circuitsvis baukit
open-problems research-agenda agenda research-directions
)";

const std::string_view tags = R"(
interpretability alignment evals reinforcement-learning agents scaling forecasting
robustness governance theory vision nlp optimization compute safety sparse-autoencoders
steering reasoning biology physics scientific-computing policy security privacy
economics hardware datasets benchmarks tooling philosophy
)";

const std::string_view code_names = R"(
torch.compile model.generate jax.jit vmap grad einsum nn.Linear nn.Module
hook_resid_pre hook_resid_post blocks.5.attn W_Q W_K W_V W_O W_in W_out
run_with_cache from_pretrained state_dict load_dataset AutoModelForCausalLM
top_k temperature max_new_tokens logits_to_probs kl_div cross_entropy
lr_scheduler AdamW GradScaler bfloat16 float32 numpy.linalg.svd scipy.sparse
pip_install requirements.txt config.yaml train.py eval.py sweep.yaml
)";

}  // namespace clubsearch::bench::words
